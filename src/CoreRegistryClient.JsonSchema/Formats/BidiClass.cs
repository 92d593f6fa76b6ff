namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>The Unicode Bidi_Class values the RFC 5893 Bidi Rule distinguishes.</summary>
internal enum BidiClass
{
    /// <summary>Strong left-to-right.</summary>
    L,

    /// <summary>Strong right-to-left (Hebrew and other non-Arabic RTL scripts).</summary>
    R,

    /// <summary>Strong right-to-left Arabic letter.</summary>
    AL,

    /// <summary>European number.</summary>
    EN,

    /// <summary>Arabic number.</summary>
    AN,

    /// <summary>European separator (<c>-</c>, <c>+</c>).</summary>
    ES,

    /// <summary>Non-spacing mark.</summary>
    NSM,

    /// <summary>Boundary neutral (format characters, joiners).</summary>
    BN,

    /// <summary>Any other neutral or weak class the rule treats alike (CS, ET, ON).</summary>
    ON,
}
