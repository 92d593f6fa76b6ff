namespace CoreRegistryClient.Cli.DriftCheck;

/// <summary>What an unreachable registry (or a schema it could not serve) does to the exit code of <c>drift</c>.</summary>
internal enum RegistryDownPolicy
{
    /// <summary>A warning on stderr (and a CI annotation); exit 0 unless drift fails the run.</summary>
    Warn,

    /// <summary>Exit 3, distinct from drift (1).</summary>
    Fail,
}
