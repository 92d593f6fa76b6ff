using System.Diagnostics.Metrics;
using CoreRegistryClient.Drift;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CoreRegistryClient.Tests.Drift;

/// <summary>A private meter factory for one test (so parallel tests never mix), whose drift instruments are read with
/// <see cref="MetricCollector{T}"/>.</summary>
internal sealed class DriftMeters : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    /// <summary>Collects one instrument of the SDK's meter made by <see cref="Factory"/>, from now on.</summary>
    public MetricCollector<long> Collect(string instrument) => new(Factory, DriftMetrics.MeterName, instrument);

    public void Dispose() => _services.Dispose();
}

internal static class MetricCollectorExtensions
{
    /// <summary>The sum of the measurements carrying every one of <paramref name="tags"/>.</summary>
    public static long Sum(this MetricCollector<long> collector, params (string Key, string Value)[] tags) =>
        collector.GetMeasurementSnapshot().Where(m => m.ContainsTags([.. tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value))])).Sum(m => m.Value);

    /// <summary>The last measurement carrying every one of <paramref name="tags"/>, or null when there is none.</summary>
    public static long? Last(this MetricCollector<long> collector, params (string Key, string Value)[] tags) =>
        collector.GetMeasurementSnapshot().Where(m => m.ContainsTags([.. tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value))])).Select(m => (long?)m.Value).LastOrDefault();
}
