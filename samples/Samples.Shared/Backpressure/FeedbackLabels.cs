namespace CoreRegistryClient.Samples.Backpressure;

/// <summary>The label vocabulary of the KEDA rollout guide, one for samples, manifests, rules and dashboards:
/// FeedbackEvents say <c>source</c> (the label of <c>pipeline_feedback_queue_depth</c>) and <c>provider</c> (the
/// label of <c>pipeline_backpressure_state</c> and <c>pipeline_rate_scale_factor</c>). The guide's queries select
/// <c>source="store_coordinator"</c> and <c>provider="ibkr"</c>; <c>--feedback-source</c> and <c>--provider</c>
/// change them.</summary>
internal static class FeedbackLabels
{
    public const string DefaultSource = "store_coordinator";

    public const string DefaultProvider = "ibkr";
}
