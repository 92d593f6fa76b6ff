namespace CoreRegistryClient.Caching;

/// <summary>One load of one schema, shared by every caller that misses it meanwhile (single-flight), with the one
/// time budget of the miss path: the load's cancellation fires at the deadline, and callers wait until the same
/// deadline and no longer.</summary>
/// <remarks>The budget is cancelled through the host's <see cref="TimeProvider"/> (tests move it); callers' waits are
/// bounded in real time as well, so a caller can never wait past the deadline even if a registry client ignores
/// cancellation.</remarks>
internal sealed class SchemaLoad : IDisposable
{
    /// <summary>How long past the deadline a caller still waits for the load to report its own timeout.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(250);

    /// <summary>How long into a load thread-pool callers wait before the pool is asked for more threads (see <see cref="Wait"/>).</summary>
    private static readonly TimeSpan BackstopDelay = TimeSpan.FromMilliseconds(200);

    private readonly TaskCompletionSource<CompiledSchema?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _budget;
    private readonly CancellationTokenSource _linked;
    private readonly long _started;
    private readonly long _deadline;
    private readonly long _backstopDelay;

    /// <summary>Starts the budget; <paramref name="needsNewConnection"/>: the registry client has no live connection
    /// (<see cref="Registry.RegistryConnections"/>), so the load's request waits for a thread-pool work item and
    /// thread-pool callers report their wait at once.</summary>
    public SchemaLoad(string? trackHint, TimeSpan budget, TimeProvider time, CancellationToken shutdown, bool needsNewConnection = false)
    {
        TrackHint = trackHint;
        _backstopDelay = needsNewConnection ? 0 : (long)BackstopDelay.TotalMilliseconds;
        Budget = budget;
        _started = Environment.TickCount64;
        _deadline = _started + (long)budget.TotalMilliseconds;
        _budget = new CancellationTokenSource(budget, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(shutdown, _budget.Token);
    }

    /// <summary>The track the index says the schema is on (a poller refresh), or null to negotiate.</summary>
    public string? TrackHint { get; }

    public TimeSpan Budget { get; }

    /// <summary>Cancelled when the budget runs out or the host shuts down.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Whether the budget (not a shutdown) ended the load.</summary>
    public bool BudgetExhausted => _budget.IsCancellationRequested;

    public Task<CompiledSchema?> Completion => _completion.Task;

    /// <summary>What is left of the budget in real time (zero once it is spent).</summary>
    public TimeSpan Remaining => TimeSpan.FromMilliseconds(Math.Max(0, _deadline - Environment.TickCount64));

    public void Complete(CompiledSchema? result) => _completion.TrySetResult(result);

    /// <summary>Blocks until the load completes or its deadline passes; true when it completed.</summary>
    /// <remarks>The load runs on a dedicated thread with synchronous I/O, which over a warm connection needs no pool
    /// thread. A thread-pool caller still waiting <see cref="BackstopDelay"/> after the load started is reported to the pool
    /// (<see cref="PoolBlockingScope"/>), for a load that does need it (a new connection). Not at once: each thread the
    /// pool adds for a herd costs CPU that the load itself needs. At once when the load is known to need a new
    /// connection: then nothing but the pool's growth reaches the work item that opens it.</remarks>
    public bool Wait()
    {
        if (_completion.Task.IsCompleted) return true;
        if (!Thread.CurrentThread.IsThreadPoolThread) return _completion.Task.Wait(Remaining + Grace);
        var untilBackstop = _started + _backstopDelay - Environment.TickCount64; // from the load's start, not this caller's
        if (untilBackstop > 0 && _completion.Task.Wait(TimeSpan.FromMilliseconds(Math.Min(untilBackstop, (long)Remaining.TotalMilliseconds)))) return true;
        PoolBlockingScope.Enter();
        try
        {
            return _completion.Task.Wait(Remaining + Grace);
        }
        finally
        {
            PoolBlockingScope.Exit();
        }
    }

    /// <summary>Awaits the load until it completes or its deadline passes.</summary>
    public async ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _completion.Task.WaitAsync(Remaining + Grace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _linked.Dispose();
        _budget.Dispose();
    }
}
