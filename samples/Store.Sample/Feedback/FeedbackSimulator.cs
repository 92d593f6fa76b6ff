using System.Globalization;
using System.Text.Json;
using CoreRegistryClient.Samples.Backpressure;

namespace CoreRegistryClient.Samples.Store.Feedback;

/// <summary>
/// The store's write coordinators, simulated: each report advances one coordinator's queue and describes it as
/// a <c>telemetry.FeedbackEvent</c> payload (<c>coordinator_id, queue_size, capacity, level, source, ts</c>, plus
/// <c>provider</c> and a <c>reason</c> when not ok). A configurable share of reports is broken the way a buggy
/// coordinator breaks them, so the store's validation before publishing has something to stop.
/// Deterministic for a seed: the same seed gives the same levels and the same broken reports.
/// </summary>
internal sealed class FeedbackSimulator
{
    private const long Capacity = 10_000;
    private static readonly string[] Coordinators = ["store-1", "store-2", "store-3"];

    private readonly CoordinatorQueue[] _queues;
    private readonly Random _random;
    private readonly double _invalidShare;
    private readonly TimeProvider _time;
    private readonly string _source;
    private long _sequence;

    /// <param name="invalidShare">Share of reports broken on purpose, 0..1.</param>
    /// <param name="seed">The same seed gives the same reports.</param>
    /// <param name="timeProvider">Clock of <c>ts</c>.</param>
    /// <param name="source">The reports' <c>source</c>. Default: <see cref="FeedbackLabels.DefaultSource"/>.</param>
    /// <param name="provider">Every coordinator's <c>provider</c>. Default: <see cref="FeedbackLabels.DefaultProvider"/>.</param>
    public FeedbackSimulator(double invalidShare, int seed, TimeProvider? timeProvider = null, string source = FeedbackLabels.DefaultSource, string provider = FeedbackLabels.DefaultProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _source = source;
        ArgumentOutOfRangeException.ThrowIfNegative(invalidShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(invalidShare, 1);
        _invalidShare = invalidShare;
        _random = new Random(seed);
        _time = timeProvider ?? TimeProvider.System;
        _queues = Coordinators
            .Select((c, i) => new CoordinatorQueue(c, provider, Capacity, initialFill: 0.3 * i, phaseOffset: 2 * Math.PI * i / Coordinators.Length))
            .ToArray();
    }

    /// <summary>How broken reports are broken, in rotation; each one violates the FeedbackEvent schema.</summary>
    public static IReadOnlyList<string> Defects { get; } = ["missing capacity", "negative queue_size", "level 'critical'", "empty coordinator_id", "queue_size as text"];

    /// <summary>The worst level any coordinator reported last.</summary>
    public BackpressureLevel WorstLevel => _queues.Max(q => q.Level);

    /// <summary>Advances the next coordinator (in turn) and returns its report.</summary>
    public FeedbackReport Next()
    {
        var queue = _queues[_sequence % _queues.Length];
        var sequence = _sequence++;
        queue.Advance(_random.NextDouble());
        var defect = _random.NextDouble() < _invalidShare ? Defects[(int)(sequence % Defects.Count)] : null;
        return new FeedbackReport(queue.CoordinatorId, queue.Provider, queue.Level, Payload(queue, defect), defect);
    }

    private byte[] Payload(CoordinatorQueue queue, string? defect)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("coordinator_id", defect == "empty coordinator_id" ? string.Empty : queue.CoordinatorId);
            if (defect == "queue_size as text")
            {
                json.WriteString("queue_size", queue.Depth.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNumber("queue_size", defect == "negative queue_size" ? -queue.Depth - 1 : queue.Depth);
            }

            if (defect != "missing capacity")
            {
                json.WriteNumber("capacity", queue.Capacity);
            }

            json.WriteString("level", defect == "level 'critical'" ? "critical" : queue.Level.Name());
            json.WriteString("source", _source);
            json.WriteString("provider", queue.Provider);
            if (queue.Level != BackpressureLevel.Ok)
            {
                json.WriteString("reason", string.Create(CultureInfo.InvariantCulture, $"write queue {queue.Fill * 100:0}% full"));
            }

            json.WriteNumber("ts", _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
