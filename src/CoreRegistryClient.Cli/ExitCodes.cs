namespace CoreRegistryClient.Cli;

/// <summary>The tool's exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>Done; nothing to report (synced, all valid, compatible).</summary>
    public const int Success = 0;

    /// <summary>The command's finding: drift (per <c>--fail-on</c>), an invalid payload in strict mode, an incompatible
    /// change, a reject rate over the limit, a missing index, track or schema.</summary>
    public const int Finding = 1;

    /// <summary>Bad usage: unknown or missing options, unreadable input files, an invalid schema file.</summary>
    public const int Usage = 2;

    /// <summary>The registry could not be reached or refused the request (timeout, network, 5xx, 401/403, invalid response).</summary>
    public const int RegistryUnavailable = 3;

    /// <summary>An unexpected internal error (a bug): reported on stderr.</summary>
    public const int InternalError = 4;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
