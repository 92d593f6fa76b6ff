using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary><c>regex</c>: a valid ECMA-262 regular expression with the unicode-mode grammar JSON Schema uses
/// (valid even where .NET has no equivalent; <c>pattern</c> reports those separately).</summary>
internal static class RegexFormat
{
    /// <summary>Whether <paramref name="value"/> is a valid ECMA-262 pattern.</summary>
    public static bool IsRegex(ReadOnlySpan<char> value) => EcmaPattern.IsValid(value.ToString(), out _);
}
