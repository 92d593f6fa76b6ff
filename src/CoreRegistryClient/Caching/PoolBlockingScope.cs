namespace CoreRegistryClient.Caching;

/// <summary>Tells the thread pool that one of its threads is about to wait for a schema load, by raising its
/// minimum thread count for the duration of the wait.</summary>
/// <remarks>A load runs on its own thread with synchronous I/O, but <see cref="HttpClient"/> always opens a new
/// connection on a thread-pool work item (the runtime yields to the pool before connecting). When a herd of
/// thread-pool callers waits for the first load, that work item queues behind them and the pool adds threads only a
/// few a second. Raising the minimum by one per waiting thread lets the pool start a thread for the queued work at
/// once, so the herd is released as soon as the registry answers. The minimum is restored when the last waiter
/// leaves; threads not waiting on a load are not affected.</remarks>
internal static class PoolBlockingScope
{
    private static readonly Lock Gate = new();
    private static int _waiting;
    private static int _baselineWorkers;
    private static int _baselineIo;

    /// <summary>Reports the calling thread-pool thread as waiting (the caller checks that it is one: only pool threads
    /// count against the pool); pair with <see cref="Exit"/>.</summary>
    public static void Enter()
    {
        lock (Gate)
        {
            if (_waiting++ == 0) ThreadPool.GetMinThreads(out _baselineWorkers, out _baselineIo);
            ThreadPool.SetMinThreads(_baselineWorkers + _waiting, _baselineIo);
        }
    }

    public static void Exit()
    {
        lock (Gate)
        {
            _waiting--;
            ThreadPool.SetMinThreads(_baselineWorkers + _waiting, _baselineIo);
        }
    }
}
