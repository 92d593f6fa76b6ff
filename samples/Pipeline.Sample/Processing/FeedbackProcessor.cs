using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Redis;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Pipeline.Feedback;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Samples.Pipeline.Processing;

/// <summary>
/// What the pipeline does with one message: parse the envelope, validate the payload against the schema it
/// names through <see cref="ISchemaManager"/>, then act on it. Warn mode: an invalid payload is logged (by
/// the SDK) and processed with a warning. Strict mode: it is dead-lettered with the validation errors as the
/// reason. Either way the consumer completes it afterwards under the envelope id, so a redelivered copy is
/// recognised and not counted twice.
/// </summary>
internal sealed partial class FeedbackProcessor(ISchemaManager schemas, BackpressureTracker backpressure, PipelineCounters counters, ILogger<FeedbackProcessor> logger)
{
    public const string FeedbackSchema = "telemetry.FeedbackEvent";

    // Dead-letter reasons carry every validation error; keep an entry bounded anyway.
    private const int MaxReasonLength = 4000;

    public async ValueTask<MessageOutcome> HandleAsync(BusMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        counters.CountReceived(message);
        MessageEnvelope envelope;
        try
        {
            envelope = MessageEnvelope.Parse(message.Data);
        }
        catch (MalformedEnvelopeException e)
        {
            // No envelope id to key on: the stream entry id stands in.
            return MessageOutcome.DeadLetter(Bounded("malformed envelope: " + e.Message));
        }

        SchemaValidationOutcome outcome;
        try
        {
            outcome = await schemas.ValidateAsync(envelope.Meta.SchemaId, envelope.Payload, envelope.Key, cancellationToken);
        }
        catch (SchemaValidationException e)
        {
            return MessageOutcome.DeadLetter(Bounded(e.Message)).WithKey(envelope.Id);
        }

        if (string.Equals(outcome.SchemaName, FeedbackSchema, StringComparison.Ordinal) || envelope.Meta.SchemaId.StartsWith(FeedbackSchema, StringComparison.Ordinal))
        {
            // Applying a reading twice changes nothing (the tracker keeps the newest per coordinator), so a
            // redelivery that turns out to be a duplicate at completion has no effect here either.
            if (FeedbackReading.TryRead(envelope) is { } feedback)
            {
                backpressure.Apply(feedback);
            }
            else
            {
                // Warn mode let an invalid event through; there is nothing in it to act on.
                LogUnusableFeedback(logger, message.Id);
            }
        }

        return (outcome.IsValid ? MessageOutcome.Processed : MessageOutcome.ProcessedWithWarning).WithKey(envelope.Id);
    }

    private static string Bounded(string reason) => reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength] + "...";

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "FeedbackEvent {MessageId} lacks the fields backpressure needs; processed without effect")]
    private static partial void LogUnusableFeedback(ILogger logger, string messageId);
}
