using System.Diagnostics.Metrics;
using CoreRegistryClient.Samples.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace CoreRegistryClient.Samples.Tests.Metrics;

/// <summary>A real OpenTelemetry MeterProvider listening to one uniquely named Meter, exported through
/// <see cref="PrometheusTextExporter"/>: measurements in, Prometheus text out.</summary>
internal sealed class MetricsHarness : IDisposable
{
    private readonly MeterProvider _provider;
    private readonly PrometheusTextExporter _exporter = new();

    public MetricsHarness()
    {
        Meter = new Meter("samples.tests." + Guid.NewGuid().ToString("N"));
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(Meter.Name)
            .AddReader(new BaseExportingMetricReader(_exporter))
            .Build();
    }

    public Meter Meter { get; }

    public string Scrape() => _exporter.Scrape(TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        _provider.Dispose();
        Meter.Dispose();
    }
}
