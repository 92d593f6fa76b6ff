namespace CoreRegistryClient.Caching;

/// <summary>Whether the registry answers, as the cache, the poller and the preloader saw it: the last answer (a 404
/// is an answer), the last failure to reach it, and the root cause of that failure.</summary>
/// <remarks>Events are ordered by a sequence number rather than by time, so "failed, then answered" is told apart
/// even when both happen within one clock tick (or under a test's stopped clock).</remarks>
internal sealed class RegistryStatus(TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _sequence;
    private long _lastAnswer = long.MinValue;
    private long _lastFailure = long.MinValue;
    private DateTimeOffset? _lastAnswerAt;
    private DateTimeOffset? _lastFailureAt;
    private SchemaLoadError _lastFailureKind;
    private SchemaLoadError _rootCause;

    /// <summary>The sequence number of the last answer.</summary>
    public long LastAnswerSequence
    {
        get
        {
            lock (_gate) return _lastAnswer;
        }
    }

    public RegistryStatusSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new RegistryStatusSnapshot(_lastFailure > _lastAnswer, _lastAnswerAt, _lastFailureAt, _lastFailureKind, _rootCause);
        }
    }

    /// <summary>The registry answered (a schema, an index, a 404).</summary>
    public void Answered()
    {
        lock (_gate)
        {
            _lastAnswer = ++_sequence;
            _lastAnswerAt = time.GetUtcNow();
        }
    }

    /// <summary>A call failed; returns the failure's sequence number. A circuit-open failure keeps the cause that
    /// opened the circuit as the root cause.</summary>
    public long Failed(SchemaLoadError error)
    {
        lock (_gate)
        {
            _lastFailure = ++_sequence;
            _lastFailureAt = time.GetUtcNow();
            _lastFailureKind = error;
            if (error != SchemaLoadError.CircuitOpen || _rootCause == SchemaLoadError.None) _rootCause = error;
            return _lastFailure;
        }
    }
}

/// <param name="Unreachable">Whether the last event was a failure to reach the registry.</param>
/// <param name="LastAnswerAt">When the registry last answered.</param>
/// <param name="LastFailureAt">When a call last failed to reach it.</param>
/// <param name="LastFailure">Why, as counted (<c>circuit_open</c> while the breaker is open).</param>
/// <param name="RootCause">The failure that is not the breaker's doing (<c>network</c>, <c>timeout</c>, <c>server</c>).</param>
internal sealed record RegistryStatusSnapshot(bool Unreachable, DateTimeOffset? LastAnswerAt, DateTimeOffset? LastFailureAt,
    SchemaLoadError LastFailure, SchemaLoadError RootCause);
