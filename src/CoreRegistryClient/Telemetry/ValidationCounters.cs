namespace CoreRegistryClient.Telemetry;

/// <summary>The running totals behind <see cref="Enforcement.SchemaManagerStats"/>.</summary>
internal sealed class ValidationCounters
{
    public StripedCounter Successes { get; } = new();
    public StripedCounter Failures { get; } = new();
    public StripedCounter Warnings { get; } = new();
    public StripedCounter Rejections { get; } = new();
    public StripedCounter FailOpens { get; } = new();
    public StripedCounter Unavailable { get; } = new();
    public StripedCounter CacheHits { get; } = new();
    public StripedCounter CacheMisses { get; } = new();
    public StripedCounter RegistryErrors { get; } = new();
}
