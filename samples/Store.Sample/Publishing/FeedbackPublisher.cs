using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Redis;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Store.Feedback;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Store.Publishing;

/// <summary>
/// Validates each FeedbackEvent through <see cref="ISchemaManager"/> before it leaves the store, then wraps it in
/// the platform envelope and publishes it to <c>{ns}:telemetry.feedback</c>. Strict mode (the store's default):
/// an invalid event is withheld, because everything downstream would reject it. Warn mode: it is published and
/// counted (the SDK logs it). Off: nothing is validated.
/// </summary>
internal sealed partial class FeedbackPublisher(IMessageBus bus, ISchemaManager schemas, StoreCounters counters, StoreSettings settings, TimeProvider time, ILogger<FeedbackPublisher> logger)
{
    private int _busFailing;

    public async Task<PublishResult> PublishAsync(FeedbackReport feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        counters.CountProduced();
        SchemaValidationOutcome outcome;
        try
        {
            outcome = await schemas.ValidateAsync(FeedbackReport.SchemaName, feedback.Payload, feedback.CoordinatorId, cancellationToken);
        }
        catch (SchemaValidationException e)
        {
            counters.CountRejected();
            LogWithheld(logger, feedback.CoordinatorId, feedback.Defect ?? "-", e.Errors.Count);
            return PublishResult.Rejected;
        }

        // The envelope says which track the payload was checked against, so a consumer can tell v1 from v2 events.
        var envelope = MessageEnvelope.Create(
            FeedbackReport.SchemaName,
            feedback.Payload.Span,
            key: feedback.CoordinatorId,
            track: outcome.NegotiatedTrack,
            headers: new Dictionary<string, string>(StringComparer.Ordinal) { ["provider"] = feedback.Provider, ["source"] = settings.FeedbackSource },
            timeProvider: time);
        try
        {
            await bus.PublishAsync(settings.FeedbackStream, envelope.ToUtf8Bytes(), cancellationToken);
        }
        catch (RedisException e)
        {
            counters.CountFailed();
            if (Interlocked.Exchange(ref _busFailing, 1) == 0)
            {
                LogBusFailing(logger, settings.FeedbackStream, e.Message);
            }

            return PublishResult.Failed;
        }

        if (Interlocked.Exchange(ref _busFailing, 0) == 1)
        {
            LogBusRecovered(logger, settings.FeedbackStream);
        }

        var warned = !outcome.IsValid;
        counters.CountPublished(warned);
        return warned ? PublishResult.PublishedWithWarning : PublishResult.Published;
    }

    [LoggerMessage(EventId = 3501, Level = LogLevel.Debug, Message = "FeedbackEvent of {CoordinatorId} withheld: {ErrorCount} validation error(s) (simulated defect: {Defect})")]
    private static partial void LogWithheld(ILogger logger, string coordinatorId, string defect, int errorCount);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Error, Message = "Publishing to {Stream} failed; events are counted as failed until the bus answers again: {Error}")]
    private static partial void LogBusFailing(ILogger logger, string stream, string error);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Information, Message = "Publishing to {Stream} works again")]
    private static partial void LogBusRecovered(ILogger logger, string stream);
}
