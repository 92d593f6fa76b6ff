namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>The IDNA2008 derived property of a code point (RFC 5892 section 2).</summary>
internal enum IdnaProperty
{
    /// <summary>Allowed anywhere in a U-label.</summary>
    ProtocolValid,

    /// <summary>A joiner, allowed only where the RFC 5892 appendix A rule holds.</summary>
    ContextJoiner,

    /// <summary>Allowed only where its RFC 5892 appendix A rule holds.</summary>
    ContextOther,

    /// <summary>Never allowed.</summary>
    Disallowed,

    /// <summary>Not assigned in the Unicode version the runtime carries; never allowed.</summary>
    Unassigned,
}
