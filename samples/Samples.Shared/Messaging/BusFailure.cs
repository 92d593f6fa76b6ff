using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>Which exceptions from a bus call mean "the bus failed this request" (log it, leave the messages pending and go
/// on), as opposed to a bug that should end the consumer.</summary>
internal static class BusFailure
{
    /// <summary>A Redis error, a client timeout (StackExchange.Redis's <see cref="RedisTimeoutException"/> is a
    /// <see cref="TimeoutException"/>, not a <see cref="RedisException"/>), a bus in a state that refuses the request
    /// (<see cref="InvalidOperationException"/>, e.g. a missing group), or a request the bus gave up on
    /// (<see cref="OperationCanceledException"/>; the caller tells its own cancellation apart before asking).</summary>
    public static bool Is(Exception exception) =>
        exception is RedisException or TimeoutException or InvalidOperationException or OperationCanceledException;
}
