using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CoreRegistryClient.Telemetry;

/// <summary>
/// The names the SDK records its telemetry under, and one-line registration with OpenTelemetry:
/// <code>
/// services.AddOpenTelemetry()
///     .WithMetrics(metrics => metrics.AddSchemaEnforcementInstrumentation().AddPrometheusExporter())
///     .WithTracing(tracing => tracing.AddSchemaEnforcementInstrumentation().AddOtlpExporter());
/// </code>
/// </summary>
/// <remarks>Like OpenTelemetry's own instrumentation libraries, this needs only the <c>OpenTelemetry.Api</c>
/// package: the application picks the OpenTelemetry SDK version and the exporters.</remarks>
public static class SchemaEnforcementInstrumentation
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> every SDK instrument is created on (validation,
    /// cache, registry and drift metrics).</summary>
    public const string MeterName = "CoreRegistryClient";

    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> registry calls start their spans on.</summary>
    public const string ActivitySourceName = "CoreRegistryClient";

    /// <summary>Subscribes the builder to the SDK's meter (<see cref="MeterName"/>).</summary>
    public static MeterProviderBuilder AddSchemaEnforcementInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(MeterName);
    }

    /// <summary>Subscribes the builder to the SDK's activity source (<see cref="ActivitySourceName"/>).</summary>
    public static TracerProviderBuilder AddSchemaEnforcementInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(ActivitySourceName);
    }
}
