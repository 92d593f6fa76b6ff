namespace CoreRegistryClient.Enforcement;

/// <summary>Parses enforcement modes as operators write them: <c>off</c>, <c>warn</c>, <c>strict</c>, and
/// <c>enforce</c> as another name for strict (case-insensitive).</summary>
internal static class EnforcementModeParser
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
            case "STRICT" or "ENFORCE":
                mode = EnforcementMode.Strict;
                return true;
            default:
                mode = default;
                return false;
        }
    }
}
