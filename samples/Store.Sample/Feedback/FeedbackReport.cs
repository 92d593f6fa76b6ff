using CoreRegistryClient.Samples.Backpressure;
namespace CoreRegistryClient.Samples.Store.Feedback;

/// <summary>One FeedbackEvent the store is about to publish: its payload bytes and what the envelope needs.</summary>
/// <param name="CoordinatorId">The coordinator that reports (also the message key).</param>
/// <param name="Provider">The data provider its writes come from (payload field <c>provider</c> and envelope header).</param>
/// <param name="Level">The level the coordinator reports.</param>
/// <param name="Payload">The UTF-8 JSON payload.</param>
/// <param name="Defect">How a simulated bug broke the payload, or null when it is as the schema wants it.</param>
internal sealed record FeedbackReport(string CoordinatorId, string Provider, BackpressureLevel Level, ReadOnlyMemory<byte> Payload, string? Defect)
{
    public const string SchemaName = "telemetry.FeedbackEvent";
}
