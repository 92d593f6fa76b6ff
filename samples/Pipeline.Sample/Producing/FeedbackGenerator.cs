using System.Text.Json;
using CoreRegistryClient.Samples.Backpressure;
using CoreRegistryClient.Redis;

namespace CoreRegistryClient.Samples.Pipeline.Producing;

/// <summary>
/// Makes a deterministic stream of FeedbackEvent envelopes as three store coordinators would send them:
/// queues that fill and drain in slow waves, a third of a wave apart (so ok, soft and hard all show from the
/// start and keep changing), and a configurable share of payloads broken the ways real producers break them.
/// </summary>
internal sealed class FeedbackGenerator
{
    private const long Capacity = 10_000;
    private static readonly string[] Coordinators = ["store-1", "store-2", "store-3"];

    private readonly Random _random;
    private readonly double _invalidShare;
    private readonly TimeProvider _time;
    private readonly string _source;
    private readonly string _provider;
    private long _sequence;

    /// <param name="invalidShare">Share of payloads broken on purpose, 0..1.</param>
    /// <param name="seed">The same seed gives the same stream.</param>
    /// <param name="timeProvider">Clock of <c>ts</c> and the envelopes.</param>
    /// <param name="source">The payloads' <c>source</c>. Default: <see cref="FeedbackLabels.DefaultSource"/>.</param>
    /// <param name="provider">Every coordinator's <c>provider</c>. Default: <see cref="FeedbackLabels.DefaultProvider"/>.</param>
    public FeedbackGenerator(double invalidShare, int seed = 42, TimeProvider? timeProvider = null, string source = FeedbackLabels.DefaultSource, string provider = FeedbackLabels.DefaultProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        (_source, _provider) = (source, provider);
        ArgumentOutOfRangeException.ThrowIfNegative(invalidShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(invalidShare, 1);
        _invalidShare = invalidShare;
        _random = new Random(seed);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How the broken payloads are broken, in rotation.</summary>
    public static IReadOnlyList<string> Defects { get; } = ["missing coordinator_id", "negative queue_size", "unknown level", "zero capacity", "queue_size as text"];

    /// <summary>The next envelope and whether its payload was made invalid on purpose.</summary>
    public (MessageEnvelope Envelope, bool Invalid) Next()
    {
        var index = (int)(_sequence % Coordinators.Length);
        var sequence = _sequence++;

        // One wave per 1000 reports of a coordinator (15 s at the default rate), plus a little noise.
        var phase = (2 * Math.PI * (sequence / Coordinators.Length) / 1000.0) + (2 * Math.PI * index / Coordinators.Length);
        var fill = Math.Clamp(0.5 + (0.48 * Math.Sin(phase)) + ((_random.NextDouble() - 0.5) * 0.04), 0, 1);
        var queueSize = (long)(fill * Capacity);
        var level = fill < 0.5 ? "ok" : fill < 0.9 ? "soft" : "hard";
        var invalid = _random.NextDouble() < _invalidShare;
        var payload = Payload(Coordinators[index], queueSize, level, _provider, invalid ? Defects[(int)(sequence % Defects.Count)] : null);
        var envelope = MessageEnvelope.Create("telemetry.FeedbackEvent", payload, key: Coordinators[index], track: "v1", headers: new Dictionary<string, string> { ["provider"] = _provider }, timeProvider: _time);
        return (envelope, invalid);
    }

    private byte[] Payload(string coordinator, long queueSize, string level, string provider, string? defect)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (defect != "missing coordinator_id")
            {
                json.WriteString("coordinator_id", coordinator);
            }

            if (defect == "queue_size as text")
            {
                json.WriteString("queue_size", queueSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNumber("queue_size", defect == "negative queue_size" ? -queueSize - 1 : queueSize);
            }

            json.WriteNumber("capacity", defect == "zero capacity" ? 0 : Capacity);
            json.WriteString("level", defect == "unknown level" ? "critical" : level);
            json.WriteString("source", _source);
            json.WriteString("provider", provider);
            json.WriteNumber("ts", _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
