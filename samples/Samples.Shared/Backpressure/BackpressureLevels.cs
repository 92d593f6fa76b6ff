namespace CoreRegistryClient.Samples.Backpressure;

/// <summary>The wire names and rate multipliers of <see cref="BackpressureLevel"/>.</summary>
internal static class BackpressureLevels
{
    /// <summary>The ingest rate multiplier the KEDA rollout guide prescribes: 1.0, 0.5, 0.0.</summary>
    public static double RateScale(this BackpressureLevel level) => level switch
    {
        BackpressureLevel.Ok => 1.0,
        BackpressureLevel.Soft => 0.5,
        _ => 0.0,
    };

    /// <summary>Reads a wire value (<c>ok</c>, <c>soft</c> or <c>hard</c>); false for anything else.</summary>
    public static bool TryParse(string? text, out BackpressureLevel level)
    {
        (var known, level) = text switch
        {
            "ok" => (true, BackpressureLevel.Ok),
            "soft" => (true, BackpressureLevel.Soft),
            "hard" => (true, BackpressureLevel.Hard),
            _ => (false, BackpressureLevel.Ok),
        };
        return known;
    }

    /// <summary>The wire value: <c>ok</c>, <c>soft</c> or <c>hard</c>.</summary>
    public static string Name(this BackpressureLevel level) => level switch
    {
        BackpressureLevel.Ok => "ok",
        BackpressureLevel.Soft => "soft",
        _ => "hard",
    };
}
