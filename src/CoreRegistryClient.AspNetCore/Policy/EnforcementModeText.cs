using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.AspNetCore.Policy;

/// <summary>HTTP's names for the SDK's modes: <c>off</c>, <c>warn</c>, <c>enforce</c> (= <c>strict</c>).</summary>
internal static class EnforcementModeText
{
    public static bool TryParse(string? text, out EnforcementMode mode)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "OFF":
                mode = EnforcementMode.Off;
                return true;
            case "WARN":
                mode = EnforcementMode.Warn;
                return true;
            case "ENFORCE" or "STRICT":
                mode = EnforcementMode.Strict;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    /// <summary>The <c>mode</c> label and header parameter.</summary>
    public static string Name(EnforcementMode mode) => mode switch
    {
        EnforcementMode.Off => "off",
        EnforcementMode.Warn => "warn",
        _ => "enforce",
    };
}
