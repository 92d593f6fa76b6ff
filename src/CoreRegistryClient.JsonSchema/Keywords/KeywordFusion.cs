namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>Merges sibling keywords that would each walk the same instance object into one pass
/// (<c>properties</c> takes over <c>required</c> and <c>additionalProperties</c>). Each keyword keeps its own
/// identity for error locations.</summary>
internal static class KeywordFusion
{
    public static void Fuse(List<Keyword> keywords)
    {
        var properties = keywords.OfType<PropertiesKeyword>().FirstOrDefault();
        if (properties is null)
        {
            return;
        }

        if (keywords.OfType<RequiredKeyword>().FirstOrDefault() is { } required && properties.TryAbsorb(required))
        {
            keywords.Remove(required);
        }

        if (keywords.OfType<AdditionalPropertiesKeyword>().FirstOrDefault() is { } additional)
        {
            properties.Absorb(additional);
            keywords.Remove(additional);
        }
    }
}
