using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CoreRegistryClient.AspNetCore.Tests.TestSupport;

internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
{
    public string? this[string tag] => Tags.TryGetValue(tag, out var value) ? value : null;
}

/// <summary>Measurements of one app's <c>CoreRegistryClient</c> meter (by the app's own meter factory, so other
/// apps in the process do not leak in).</summary>
internal sealed class MetricCapture : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricCapture(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "CoreRegistryClient" && ReferenceEquals(instrument.Meter.Scope, factory)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<Measurement> All { get; } = new();

    public List<Measurement> Of(string instrument) => [.. All.Where(m => m.Instrument == instrument)];

    public double Sum(string instrument, Func<Measurement, bool>? where = null) => Of(instrument).Where(where ?? (_ => true)).Sum(m => m.Value);

    public void Clear() => All.Clear();

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, tag) in tags) map[key] = tag?.ToString();
        All.Enqueue(new Measurement(instrument.Name, value, map));
    }
}
