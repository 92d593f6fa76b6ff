namespace CoreRegistryClient.Cli.DriftCheck;

/// <summary>What drift makes <c>drift</c> exit 1.</summary>
internal enum DriftFailOn
{
    /// <summary>Nothing: drift is reported only (warn and off modes).</summary>
    Never,

    /// <summary>A drifted schema classified breaking (strict mode).</summary>
    Breaking,

    /// <summary>Any drift.</summary>
    Drift,
}
