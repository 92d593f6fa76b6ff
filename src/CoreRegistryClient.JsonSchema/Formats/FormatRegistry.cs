using System.Collections.Frozen;

namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>The format checkers asserted when <see cref="JsonSchemaOptions.FormatAssertion"/> is on.</summary>
internal static class FormatRegistry
{
    private static readonly FrozenDictionary<string, FormatChecker> s_spanCheckers = new Dictionary<string, FormatChecker>(StringComparer.Ordinal)
    {
        ["date-time"] = DateTimeFormat.IsDateTime,
        ["date"] = DateTimeFormat.IsDate,
        ["time"] = DateTimeFormat.IsTime,
        ["duration"] = DurationFormat.IsDuration,
        ["email"] = EmailFormat.IsEmail,
        ["idn-email"] = EmailFormat.IsIdnEmail,
        ["hostname"] = HostnameFormat.IsHostname,
        ["idn-hostname"] = HostnameFormat.IsIdnHostname,
        ["ipv4"] = IpAddressFormat.IsIPv4,
        ["ipv6"] = IpAddressFormat.IsIPv6,
        ["uri"] = UriFormat.IsUri,
        ["uri-reference"] = UriFormat.IsUriReference,
        ["iri"] = UriFormat.IsIri,
        ["iri-reference"] = UriFormat.IsIriReference,
        ["uri-template"] = UriTemplateFormat.IsUriTemplate,
        ["uuid"] = UuidFormat.IsUuid,
        ["json-pointer"] = JsonPointerFormat.IsJsonPointer,
        ["relative-json-pointer"] = JsonPointerFormat.IsRelativeJsonPointer,
        ["regex"] = RegexFormat.IsRegex,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Func<string, bool>> s_stringCheckers =
        s_spanCheckers.ToFrozenDictionary(entry => entry.Key, entry => ToStringChecker(entry.Value), StringComparer.Ordinal);

    /// <summary>The names of every format with a checker.</summary>
    public static IEnumerable<string> Names => s_spanCheckers.Keys;

    /// <summary>Returns the checker for a format name, or <see langword="null"/> for an unknown format (which always passes).</summary>
    /// <remarks>Checkers only see strings; the engine passes non-string instances without calling them.
    /// The same delegate instance is returned on every call, and checkers are thread-safe.</remarks>
    public static Func<string, bool>? Get(string formatName) => s_stringCheckers.GetValueOrDefault(formatName);

    /// <summary>Like <see cref="Get"/>, for callers holding the instance as characters rather than a string:
    /// every checker but <c>regex</c> then allocates nothing.</summary>
    public static FormatChecker? GetSpanChecker(string formatName) => s_spanCheckers.GetValueOrDefault(formatName);

    private static Func<string, bool> ToStringChecker(FormatChecker check) => value => check(value);
}
