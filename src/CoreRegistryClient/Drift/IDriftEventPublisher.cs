namespace CoreRegistryClient.Drift;

/// <summary>Sends <see cref="SchemaDriftEvent"/>s somewhere (the registry, a bus, a log).</summary>
/// <remarks>An implementation may throw on failure: <see cref="DriftReporter"/> is fail-open and turns any
/// failure into a log entry and a count, never into an exception or a different report.</remarks>
public interface IDriftEventPublisher
{
    /// <summary>Publishes one event.</summary>
    Task PublishAsync(SchemaDriftEvent driftEvent, CancellationToken cancellationToken = default);
}
