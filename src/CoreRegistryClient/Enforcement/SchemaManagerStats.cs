namespace CoreRegistryClient.Enforcement;

/// <summary>A snapshot of what <see cref="ISchemaManager"/> has done since it started.</summary>
public sealed class SchemaManagerStats
{
    /// <summary>Payloads validated or decided by the unavailable-schema policy (<see cref="Successes"/> + <see cref="Failures"/> + <see cref="FailOpens"/> + <see cref="Unavailable"/>); messages in off mode are not counted.</summary>
    public long Validations => Successes + Failures + FailOpens + Unavailable;

    /// <summary>Payloads that matched their schema.</summary>
    public long Successes { get; init; }

    /// <summary>Payloads that did not match their schema (in any mode).</summary>
    public long Failures { get; init; }

    /// <summary>Failures reported in warn mode (logged, the caller carried on).</summary>
    public long Warnings { get; init; }

    /// <summary>Payloads rejected in strict mode (a <see cref="SchemaValidationException"/> was thrown).</summary>
    public long Rejections { get; init; }

    /// <summary>Payloads let through because their schema was unavailable (<see cref="UnavailableSchemaBehavior.Allow"/>).</summary>
    public long FailOpens { get; init; }

    /// <summary>Payloads treated as invalid because their schema was unavailable (<see cref="UnavailableSchemaBehavior.Reject"/>).</summary>
    public long Unavailable { get; init; }

    /// <summary>Lookups served by a cached validator.</summary>
    public long CacheHits { get; init; }

    /// <summary>Lookups that found no cached validator.</summary>
    public long CacheMisses { get; init; }

    /// <summary>Schemas currently cached.</summary>
    public int CacheSize { get; init; }

    /// <summary>Failed registry fetches (schemas and index).</summary>
    public long RegistryErrors { get; init; }

    /// <summary>When a schema was last fetched or confirmed current by the registry, or null if never.</summary>
    public DateTimeOffset? LastRefresh { get; init; }

    /// <summary>Each cached schema with the track and version in use.</summary>
    public IReadOnlyList<CachedSchemaStats> Schemas { get; init; } = [];
}
