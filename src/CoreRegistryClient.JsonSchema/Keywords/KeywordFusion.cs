namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>Merges sibling keywords that would each walk the same instance object into one pass
/// (<c>properties</c> takes over <c>required</c> and <c>additionalProperties</c>). Each keyword keeps its own
/// identity for error locations.</summary>
internal static class KeywordFusion
{
    public static void Fuse(List<Keyword> keywords)
    {
        SimplifyUnevaluatedProperties(keywords);
        FuseNumberChecks(keywords);
        FuseStringChecks(keywords);
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

    /// <summary>Without in-place applicators, only this schema's own keywords can evaluate a property, so
    /// <c>unevaluatedProperties</c> means exactly what <c>additionalProperties</c> would (and nothing at all next
    /// to an <c>additionalProperties</c>): compile it that way and skip annotation tracking.</summary>
    private static void SimplifyUnevaluatedProperties(List<Keyword> keywords)
    {
        if (keywords.OfType<UnevaluatedPropertiesKeyword>().FirstOrDefault() is not { } unevaluated)
        {
            return;
        }

        if (keywords.Exists(static k => k is AdditionalPropertiesKeyword))
        {
            keywords.Remove(unevaluated);
            return;
        }

        if (keywords.Exists(static k => k.InPlaceSubschemas.Any()))
        {
            return;
        }

        var names = keywords.OfType<PropertiesKeyword>().FirstOrDefault()?.Names;
        var patterns = keywords.OfType<PatternPropertiesKeyword>().FirstOrDefault()?.Patterns ?? [];
        keywords.Remove(unevaluated);
        keywords.Add(new AdditionalPropertiesKeyword(unevaluated.Owner, unevaluated.Name, names, patterns, unevaluated.Schema));
    }

    private static void FuseNumberChecks(List<Keyword> keywords)
    {
        var bounds = keywords.OfType<NumericBoundKeyword>().ToArray();
        var multipleOf = keywords.OfType<MultipleOfKeyword>().FirstOrDefault();
        if (bounds.Length == 0 && multipleOf is null)
        {
            return;
        }

        var type = keywords.OfType<TypeKeyword>().FirstOrDefault();
        keywords.RemoveAll(k => k is NumericBoundKeyword or MultipleOfKeyword || ReferenceEquals(k, type));
        var owner = (multipleOf ?? (Keyword)bounds[0]).Owner;
        keywords.Add(new NumberChecksKeyword(owner, type, bounds, multipleOf));
    }

    private static void FuseStringChecks(List<Keyword> keywords)
    {
        var checks = keywords.Where(k => k is StringLengthKeyword or PatternKeyword).OrderBy(k => k.Order).ToArray();
        if (checks.Length == 0)
        {
            return;
        }

        var type = keywords.OfType<TypeKeyword>().FirstOrDefault();
        keywords.RemoveAll(k => k is StringLengthKeyword or PatternKeyword || ReferenceEquals(k, type));
        keywords.Add(new StringChecksKeyword(checks[0].Owner, type, checks));
    }
}
