using CoreRegistryClient.Samples.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Store.Health;

/// <summary>Healthy while the bus answers (the feedback stream's length can be read); unhealthy when it does not,
/// since a store that cannot publish its backpressure leaves the pipeline flying blind.</summary>
internal sealed class MessageBusHealthCheck(IMessageBus bus, StoreSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var length = await bus.GetLengthAsync(settings.FeedbackStream, cancellationToken);
            return HealthCheckResult.Healthy($"{settings.Bus} bus answers; {settings.FeedbackStream} holds {length} entries");
        }
        catch (RedisException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{settings.Bus} bus does not answer: {e.Message}");
        }
    }
}
