namespace CoreRegistryClient.Samples.Store.Publishing;

/// <summary>What became of one FeedbackEvent.</summary>
internal enum PublishResult
{
    /// <summary>Valid (or not validated: mode off, or fail-open) and on the bus.</summary>
    Published,

    /// <summary>Invalid, on the bus anyway: warn mode.</summary>
    PublishedWithWarning,

    /// <summary>Invalid in strict mode: withheld.</summary>
    Rejected,

    /// <summary>The bus did not take it.</summary>
    Failed,
}
