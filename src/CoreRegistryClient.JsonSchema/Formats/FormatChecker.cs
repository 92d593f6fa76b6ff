namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>Checks a string instance against one format without needing it as a <see cref="string"/>.</summary>
internal delegate bool FormatChecker(ReadOnlySpan<char> value);
