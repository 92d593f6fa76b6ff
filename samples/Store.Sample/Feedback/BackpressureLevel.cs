namespace CoreRegistryClient.Samples.Store.Feedback;

/// <summary>The <c>level</c> of a FeedbackEvent: how hard the store asks the pipeline to slow down.</summary>
internal enum BackpressureLevel
{
    /// <summary>Full ingest.</summary>
    Ok,

    /// <summary>Ingest at half rate.</summary>
    Soft,

    /// <summary>Stop ingesting.</summary>
    Hard,
}

internal static class BackpressureLevels
{
    /// <summary>The wire value: <c>ok</c>, <c>soft</c> or <c>hard</c>.</summary>
    public static string Name(this BackpressureLevel level) => level switch
    {
        BackpressureLevel.Ok => "ok",
        BackpressureLevel.Soft => "soft",
        _ => "hard",
    };
}
