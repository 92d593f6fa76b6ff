using System.Diagnostics;
using System.Diagnostics.Metrics;
using CoreRegistryClient.Samples.Tests.Support;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CoreRegistryClient.Samples.Tests.Metrics;

/// <summary>The SDK's one-line OpenTelemetry registration, used the way a service uses it.</summary>
public class SchemaEnforcementInstrumentationTests
{
    [Test]
    public async Task Metrics_of_the_sdk_meter_reach_the_exporter_with_the_otel_scope_label()
    {
        await using var host = await OfficialExporterHost.StartAsync();
        var label = Guid.NewGuid().ToString("N");
        host.Services.GetRequiredService<IMeterFactory>().Create(SchemaEnforcementInstrumentation.MeterName)
            .CreateCounter<long>("schema_cache_misses", null, "m").Add(1, new KeyValuePair<string, object?>("schema", label));

        var scrape = new PrometheusText(await host.ScrapeAsync());
        Assert.That(scrape.Value("schema_cache_misses_total", ("schema", label), ("otel_scope_name", "CoreRegistryClient")), Is.EqualTo(1));
    }

    [Test]
    public void Tracing_registration_samples_the_sdk_activity_source_and_nothing_else()
    {
        using var sdkSource = new ActivitySource(SchemaEnforcementInstrumentation.ActivitySourceName);
        using var otherSource = new ActivitySource("samples.tests.other." + Guid.NewGuid().ToString("N"));
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSchemaEnforcementInstrumentation().Build();

        using var sdkActivity = sdkSource.StartActivity("registry call");
        using var otherActivity = otherSource.StartActivity("unrelated");
        Assert.That((sdkActivity is not null, otherActivity is null), Is.EqualTo((true, true)));
    }

    [Test]
    public void Null_builders_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => SchemaEnforcementInstrumentation.AddSchemaEnforcementInstrumentation((OpenTelemetry.Metrics.MeterProviderBuilder)null!), Throws.ArgumentNullException);
            Assert.That(() => SchemaEnforcementInstrumentation.AddSchemaEnforcementInstrumentation((TracerProviderBuilder)null!), Throws.ArgumentNullException);
        });
    }
}
