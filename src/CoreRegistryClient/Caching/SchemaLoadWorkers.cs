namespace CoreRegistryClient.Caching;

/// <summary>A few dedicated threads that run schema loads, so a load never waits for a thread-pool thread.</summary>
/// <remarks>
/// <para>Why: a service that validates synchronously from many thread-pool callers (a parallel consumer starting
/// after a deploy) blocks those callers on the first miss. A load that needed the pool to make progress (async I/O
/// continuations, timers, retries) would queue behind the very callers waiting for it, and the pool only grows a
/// thread or two a second. Loads here use synchronous I/O on their own thread, so blocked callers are released as
/// soon as the registry answers.</para>
/// <para>At most <see cref="MaxThreads"/> loads run at once (names beyond that queue, each within its own budget);
/// a thread idle for <see cref="IdleTimeout"/> exits.</para>
/// </remarks>
internal sealed class SchemaLoadWorkers : IDisposable
{
    public const int MaxThreads = 4;

    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private readonly object _gate = new(); // Monitor, for Wait/Pulse
    private readonly Queue<Action> _queue = new();
    private int _threads;
    private int _idle;
    private bool _disposed;

    public void Run(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _queue.Enqueue(work);
            if (_idle > 0)
            {
                Monitor.Pulse(_gate);
            }

            if (_queue.Count > _idle && _threads < MaxThreads)
            {
                _threads++;
                new Thread(Loop) { IsBackground = true, Name = "CoreRegistryClient schema load" }.Start();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.PulseAll(_gate);
        }
    }

    private void Loop()
    {
        while (true)
        {
            Action work;
            lock (_gate)
            {
                while (_queue.Count == 0)
                {
                    if (_disposed)
                    {
                        _threads--;
                        return;
                    }

                    _idle++;
                    var signalled = Monitor.Wait(_gate, IdleTimeout);
                    _idle--;
                    if (!signalled && _queue.Count == 0)
                    {
                        _threads--;
                        return;
                    }
                }

                work = _queue.Dequeue();
            }

            work();
        }
    }
}
