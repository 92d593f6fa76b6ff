namespace CoreRegistryClient.Samples.Hosting;

/// <summary>The samples' exit codes (docs/samples.md lists them).</summary>
internal static class SampleExitCodes
{
    /// <summary>The run finished as asked (<c>--count</c>, <c>--duration</c> or Ctrl+C).</summary>
    public const int Ok = 0;

    /// <summary>The command line is wrong: an unknown option or a value the option does not accept.</summary>
    public const int Usage = 1;

    /// <summary>The sample cannot start with this configuration: its port is taken, its fixtures are missing.</summary>
    public const int CannotStart = 2;

    /// <summary>The Redis bus did not answer, after retries.</summary>
    public const int BusUnavailable = 3;
}
