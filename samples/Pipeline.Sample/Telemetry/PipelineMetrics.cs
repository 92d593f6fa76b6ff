using System.Diagnostics.Metrics;
using CoreRegistryClient.Samples.Backpressure;
using CoreRegistryClient.Samples.Pipeline.Feedback;

namespace CoreRegistryClient.Samples.Pipeline.Telemetry;

/// <summary>
/// The pipeline's own meter: backpressure as the KEDA rollout guide defines it, and the dead-letter depth.
/// Observable gauges read state the pipeline already keeps, so recording costs nothing per message.
/// <list type="bullet">
/// <item><c>pipeline_feedback_queue_depth{source}</c>: store write queue depth from FeedbackEvents.</item>
/// <item><c>pipeline_backpressure_state{provider}</c>: 0 ok, 1 soft, 2 hard.</item>
/// <item><c>pipeline_rate_scale_factor{provider}</c>: 1.0, 0.5, 0.0.</item>
/// <item><c>pipeline_dead_letter_queue_depth{stream}</c>: length of the dead-letter stream.</item>
/// </list>
/// </summary>
internal sealed class PipelineMetrics
{
    public const string MeterName = "CoreRegistryClient.Samples.Pipeline";

    public PipelineMetrics(IMeterFactory meterFactory, BackpressureTracker tracker, DeadLetterDepthMonitor deadLetters)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "pipeline_feedback_queue_depth",
            () => tracker.QueueDepthBySource().Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("source", d.Key))),
            null,
            "Store write queue depth reported in FeedbackEvents, summed per source.");
        meter.CreateObservableGauge(
            "pipeline_backpressure_state",
            () => tracker.LevelByProvider().Select(l => new Measurement<int>((int)l.Value, new KeyValuePair<string, object?>("provider", l.Key))),
            null,
            "Backpressure per provider: 0 ok, 1 soft, 2 hard.");
        meter.CreateObservableGauge(
            "pipeline_rate_scale_factor",
            () => tracker.LevelByProvider().Select(l => new Measurement<double>(l.Value.RateScale(), new KeyValuePair<string, object?>("provider", l.Key))),
            null,
            "Ingest rate multiplier per provider: 1.0 ok, 0.5 soft, 0.0 hard.");
        meter.CreateObservableGauge(
            "pipeline_dead_letter_queue_depth",
            () => deadLetters.Depth is { } depth ? [new Measurement<long>(depth, new KeyValuePair<string, object?>("stream", deadLetters.Stream))] : Array.Empty<Measurement<long>>(),
            null,
            "Messages waiting in the dead-letter stream.");
    }
}
