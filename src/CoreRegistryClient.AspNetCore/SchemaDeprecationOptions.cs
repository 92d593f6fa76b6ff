namespace CoreRegistryClient.AspNetCore;

/// <summary>What clients are told about a deprecated schema beyond the registry's flag and note
/// (<c>SchemaEnforcement:Http:Deprecations:{schema}:…</c>).</summary>
public sealed class SchemaDeprecationOptions
{
    /// <summary>When the deprecation took (or takes) effect: the <c>Deprecation</c> header (RFC 9745). Default:
    /// when this process first served the deprecated schema.</summary>
    public DateTimeOffset? Date { get; set; }

    /// <summary>When the schema stops being accepted: the <c>Sunset</c> header (RFC 8594). Default: none.</summary>
    public DateTimeOffset? Sunset { get; set; }

    /// <summary>Where the deprecation is explained: a <c>Link</c> header with <c>rel="deprecation"</c> whose
    /// <c>title</c> is the registry's note. Default: none.</summary>
    public Uri? Link { get; set; }
}
