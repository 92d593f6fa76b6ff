using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.AspNetCore.Policy;

/// <summary>HTTP's names for the SDK's modes: <c>off</c>, <c>warn</c>, <c>enforce</c> (= <c>strict</c>). Parsing is the
/// SDK's <see cref="EnforcementModeParser"/>, compiled into this package from its one source file.</summary>
internal static class EnforcementModeText
{
    /// <summary>The <c>mode</c> label and header parameter.</summary>
    public static string Name(EnforcementMode mode) => mode switch
    {
        EnforcementMode.Off => "off",
        EnforcementMode.Warn => "warn",
        _ => "enforce",
    };
}
