namespace CoreRegistryClient.Testing;

/// <summary>Counts requests per path (and responses per path and status), keeps the most recent ones, and wakes tests
/// waiting for a number of requests.</summary>
internal sealed class RequestJournal
{
    /// <summary>Recent requests kept; counts are kept for all. Bounds memory when a sample runs the server for hours.</summary>
    public const int MaxRecorded = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _countsByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Path, int Status), int> _responses = [];
    private readonly Queue<RecordedRequest> _recent = new();
    private readonly List<Waiter> _waiters = [];

    public void Record(RecordedRequest request)
    {
        List<Waiter>? satisfied = null;
        lock (_gate)
        {
            _countsByPath[request.Path] = _countsByPath.GetValueOrDefault(request.Path) + 1;
            _recent.Enqueue(request);
            if (_recent.Count > MaxRecorded)
            {
                _recent.Dequeue();
            }

            foreach (var waiter in _waiters)
            {
                if (CountLocked(waiter.PathPrefix) >= waiter.Count)
                {
                    (satisfied ??= []).Add(waiter);
                }
            }

            satisfied?.ForEach(waiter => _waiters.Remove(waiter));
        }

        satisfied?.ForEach(waiter => waiter.Completion.TrySetResult());
    }

    /// <summary>A response was sent (requests the server aborted have none).</summary>
    public void RecordResponse(string path, int status)
    {
        lock (_gate)
        {
            _responses[(path, status)] = _responses.GetValueOrDefault((path, status)) + 1;
        }
    }

    public int ResponseCount(string? pathPrefix, int status)
    {
        lock (_gate)
        {
            var total = 0;
            foreach (var ((path, code), count) in _responses)
            {
                if (code == status && (pathPrefix is null || path.StartsWith(pathPrefix, StringComparison.Ordinal))) total += count;
            }

            return total;
        }
    }

    public int Count(string? pathPrefix)
    {
        lock (_gate)
        {
            return CountLocked(pathPrefix);
        }
    }

    public IReadOnlyList<RecordedRequest> Recent
    {
        get
        {
            lock (_gate)
            {
                return [.. _recent];
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _countsByPath.Clear();
            _responses.Clear();
            _recent.Clear();
        }
    }

    public async Task WaitAsync(string? pathPrefix, int count, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(pathPrefix, count);
        lock (_gate)
        {
            if (CountLocked(pathPrefix) >= count)
            {
                return;
            }

            _waiters.Add(waiter);
        }

        using var registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }

            waiter.Completion.TrySetCanceled(cancellationToken);
        });
        await waiter.Completion.Task.ConfigureAwait(false);
    }

    private int CountLocked(string? pathPrefix)
    {
        if (pathPrefix is null)
        {
            return _countsByPath.Values.Sum();
        }

        var total = 0;
        foreach (var (path, count) in _countsByPath)
        {
            if (path.StartsWith(pathPrefix, StringComparison.Ordinal))
            {
                total += count;
            }
        }

        return total;
    }

    private sealed class Waiter(string? pathPrefix, int count)
    {
        public string? PathPrefix { get; } = pathPrefix;

        public int Count { get; } = count;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
