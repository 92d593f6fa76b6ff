namespace CoreRegistryClient.Samples.Pipeline.Feedback;

/// <summary>A store's backpressure level, as the <c>level</c> of a FeedbackEvent. The numeric values are the
/// values of the <c>pipeline_backpressure_state</c> gauge.</summary>
internal enum BackpressureLevel
{
    /// <summary>Ingest at full rate.</summary>
    Ok = 0,

    /// <summary>Ingest at half rate.</summary>
    Soft = 1,

    /// <summary>Stop ingesting.</summary>
    Hard = 2,
}

internal static class BackpressureLevels
{
    /// <summary>The ingest rate multiplier the KEDA rollout guide prescribes: 1.0, 0.5, 0.0.</summary>
    public static double RateScale(this BackpressureLevel level) => level switch
    {
        BackpressureLevel.Ok => 1.0,
        BackpressureLevel.Soft => 0.5,
        _ => 0.0,
    };

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

    public static string Name(this BackpressureLevel level) => level switch
    {
        BackpressureLevel.Ok => "ok",
        BackpressureLevel.Soft => "soft",
        _ => "hard",
    };
}
