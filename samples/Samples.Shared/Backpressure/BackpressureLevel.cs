namespace CoreRegistryClient.Samples.Backpressure;

/// <summary>A store's backpressure level, as the <c>level</c> of a FeedbackEvent: how hard the store asks the
/// pipeline to slow down. The numeric values are the values of the <c>pipeline_backpressure_state</c> gauge.</summary>
internal enum BackpressureLevel
{
    /// <summary>Ingest at full rate.</summary>
    Ok = 0,

    /// <summary>Ingest at half rate.</summary>
    Soft = 1,

    /// <summary>Stop ingesting.</summary>
    Hard = 2,
}
