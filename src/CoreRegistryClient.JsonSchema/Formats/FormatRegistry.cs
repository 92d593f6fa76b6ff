namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>The format checkers asserted when <see cref="JsonSchemaOptions.FormatAssertion"/> is on.</summary>
internal static class FormatRegistry
{
    /// <summary>Returns the checker for a format name, or <see langword="null"/> for an unknown format (which always passes).</summary>
    /// <remarks>Checkers only see strings; the engine passes non-string instances without calling them.</remarks>
    public static Func<string, bool>? Get(string formatName)
    {
        _ = formatName;
        return null; // placeholder until the format checkers land
    }
}
