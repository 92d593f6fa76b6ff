using CoreRegistryClient.Samples.Backpressure;
namespace CoreRegistryClient.Samples.Pipeline.Feedback;

/// <summary>
/// The pipeline's view of store backpressure, built from FeedbackEvents: the latest queue depth of every
/// coordinator (summed per <c>source</c>) and the latest level each coordinator reported for each provider.
/// A provider is throttled by its worst-off store: any coordinator at <c>hard</c> stops it.
/// </summary>
internal sealed class BackpressureTracker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Source, string Coordinator), long> _queueDepths = [];
    private readonly Dictionary<string, Dictionary<string, BackpressureLevel>> _levels = new(StringComparer.Ordinal);

    /// <summary>Records one event.</summary>
    public void Apply(FeedbackEvent feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        lock (_lock)
        {
            _queueDepths[(feedback.Source, feedback.CoordinatorId)] = feedback.QueueSize;
            if (!_levels.TryGetValue(feedback.Provider, out var byCoordinator))
            {
                byCoordinator = new Dictionary<string, BackpressureLevel>(StringComparer.Ordinal);
                _levels[feedback.Provider] = byCoordinator;
            }

            byCoordinator[feedback.CoordinatorId] = feedback.Level;
        }
    }

    /// <summary>Queue depth per source (the sum over its coordinators' latest reports).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> QueueDepthBySource()
    {
        lock (_lock)
        {
            return _queueDepths.GroupBy(e => e.Key.Source, StringComparer.Ordinal)
                .Select(g => new KeyValuePair<string, long>(g.Key, g.Sum(e => e.Value)))
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .ToArray();
        }
    }

    /// <summary>Backpressure level per provider (the worst its coordinators reported last).</summary>
    public IReadOnlyList<KeyValuePair<string, BackpressureLevel>> LevelByProvider()
    {
        lock (_lock)
        {
            return _levels.Select(p => new KeyValuePair<string, BackpressureLevel>(p.Key, p.Value.Values.Max()))
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .ToArray();
        }
    }

    /// <summary>The level of the worst-off provider; <see cref="BackpressureLevel.Ok"/> before any feedback.</summary>
    public BackpressureLevel WorstLevel()
    {
        var levels = LevelByProvider();
        return levels.Count == 0 ? BackpressureLevel.Ok : levels.Max(l => l.Value);
    }
}
