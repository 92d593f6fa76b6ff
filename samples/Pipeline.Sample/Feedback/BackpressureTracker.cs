using CoreRegistryClient.Samples.Backpressure;

namespace CoreRegistryClient.Samples.Pipeline.Feedback;

/// <summary>
/// One replica's view of store backpressure, built from the FeedbackEvents it handled: the latest reading of
/// every coordinator, from which it derives the queue depth per <c>source</c> (summed over coordinators) and the
/// level per provider (the worst its coordinators report: any coordinator at <c>hard</c> stops it).
/// </summary>
/// <remarks>
/// <para>Readings expire: one older than the time to live no longer counts, so the gauges fall back once the
/// stores stop reporting a full queue to this replica (the queue drained, the store went away, or the consumer
/// group now hands its reports to other replicas). Without that a replica would report its last high reading
/// forever and the fleet's <c>max()</c> would keep KEDA scaled out (docs/fleet.md).</para>
/// <para>A reading replaces a coordinator's previous one only if it is not older (by the report's own <c>ts</c>), so
/// a redelivered or reclaimed old report does not roll the view back.</para>
/// <para>At most <see cref="MaxCoordinators"/> coordinators are tracked (the least recently heard of make room),
/// so the label values the gauges take stay bounded whatever the payloads say.</para>
/// </remarks>
internal sealed class BackpressureTracker
{
    /// <summary>Coordinators tracked at once.</summary>
    public const int MaxCoordinators = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _readings = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeToLive;

    public BackpressureTracker(TimeProvider time, TimeSpan timeToLive)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        _time = time;
        _timeToLive = timeToLive;
    }

    public BackpressureTracker(TimeProvider time, PipelineSettings settings)
        : this(time, settings?.FeedbackTtl ?? throw new ArgumentNullException(nameof(settings)))
    {
    }

    /// <summary>Records one reading (unless the coordinator already reported something newer).</summary>
    public void Apply(FeedbackReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_readings.TryGetValue(reading.CoordinatorId, out var current) && current.Reading.Ts > reading.Ts)
            {
                return;
            }

            if (current is null && _readings.Count >= MaxCoordinators)
            {
                _readings.Remove(_readings.MinBy(e => e.Value.Received).Key);
            }

            _readings[reading.CoordinatorId] = new Entry(reading, now);
        }
    }

    /// <summary>Queue depth per source: the sum of its coordinators' readings that have not expired.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> QueueDepthBySource() =>
        Fresh().GroupBy(r => r.Source, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, long>(g.Key, g.Sum(r => r.QueueSize)))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Backpressure level per provider: the worst of its coordinators' readings that have not expired.</summary>
    public IReadOnlyList<KeyValuePair<string, BackpressureLevel>> LevelByProvider() =>
        Fresh().GroupBy(r => r.Provider, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, BackpressureLevel>(g.Key, g.Max(r => r.Level)))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The level of the worst-off provider; <see cref="BackpressureLevel.Ok"/> without fresh feedback.</summary>
    public BackpressureLevel WorstLevel()
    {
        var levels = LevelByProvider();
        return levels.Count == 0 ? BackpressureLevel.Ok : levels.Max(l => l.Value);
    }

    private List<FeedbackReading> Fresh()
    {
        var oldest = _time.GetUtcNow() - _timeToLive;
        lock (_lock)
        {
            foreach (var (coordinator, entry) in _readings.ToArray())
            {
                if (entry.Received < oldest)
                {
                    _readings.Remove(coordinator);
                }
            }

            return _readings.Values.Select(e => e.Reading).ToList();
        }
    }

    private sealed record Entry(FeedbackReading Reading, DateTimeOffset Received);
}
