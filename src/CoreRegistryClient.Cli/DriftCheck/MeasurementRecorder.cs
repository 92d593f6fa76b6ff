using System.Diagnostics.Metrics;

namespace CoreRegistryClient.Cli.DriftCheck;

/// <summary>An <see cref="IMeterFactory"/> whose meters' counters and gauges are recorded, so the SDK's own drift
/// instruments (names, tags, values) can be written to a file after one run of the tool.</summary>
internal sealed class MeasurementRecorder : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string Name, string Tags), RecordedSeries> _series = [];
    private readonly Lock _gate = new();

    public MeasurementRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, this) && instrument is Counter<long> or Gauge<long>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Every series recorded: counters summed, gauges at their last value.</summary>
    public IReadOnlyList<RecordedSeries> Series
    {
        get
        {
            lock (_gate)
            {
                return [.. _series.Values];
            }
        }
    }

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        lock (_gate)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_gate)
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }

            _meters.Clear();
        }
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var labels = tags.ToArray().Select(t => (t.Key, Value: Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""))
            .OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();
        var key = (instrument.Name, string.Join('\u0001', labels.Select(l => l.Key + "\u0002" + l.Value)));
        var counter = instrument is Counter<long>;
        lock (_gate)
        {
            _series[key] = _series.TryGetValue(key, out var existing) && counter
                ? existing with { Value = existing.Value + value }
                : new RecordedSeries(instrument.Name, instrument.Description, counter, labels, value);
        }
    }
}
