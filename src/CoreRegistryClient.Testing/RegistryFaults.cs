using System.Net;

namespace CoreRegistryClient.Testing;

/// <summary>The loopback server's fault switches. Every member is safe to call from any thread while requests run.</summary>
internal sealed class RegistryFaults
{
    private readonly Lock _gate = new();
    private readonly List<ForcedResponse> _forced = [];
    private volatile bool _down;
    private volatile bool _corruptBody;
    private volatile bool _flapping;
    private volatile bool _hang;
    private volatile bool _wrongSha;
    private volatile bool _catastrophicPattern;
    private volatile Uri? _redirectTo;
    private long _delayTicks;
    private long _flapCounter;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public bool CorruptBody
    {
        get => _corruptBody;
        set => _corruptBody = value;
    }

    public bool Flapping
    {
        get => _flapping;
        set
        {
            // Restart the alternation so the first request after switching on always fails.
            Interlocked.Exchange(ref _flapCounter, 0);
            _flapping = value;
        }
    }

    public bool Hang
    {
        get => _hang;
        set => _hang = value;
    }

    public bool WrongSha
    {
        get => _wrongSha;
        set => _wrongSha = value;
    }

    public bool CatastrophicPattern
    {
        get => _catastrophicPattern;
        set => _catastrophicPattern = value;
    }

    public Uri? RedirectTo
    {
        get => _redirectTo;
        set => _redirectTo = value;
    }

    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _delayTicks, value.Ticks);
        }
    }

    public void Force(HttpStatusCode status, string? pathPrefix, int? times, TimeSpan? retryAfter, string? body)
    {
        if (times is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(times), times, "times must be positive, or null for every request.");
        }

        lock (_gate)
        {
            // The newest rule wins over older ones that match the same path.
            _forced.Insert(0, new ForcedResponse(status, pathPrefix, times, retryAfter, body));
        }
    }

    public void ClearForced()
    {
        lock (_gate)
        {
            _forced.Clear();
        }
    }

    /// <summary>The forced answer for this request, if any, consuming one of its uses.</summary>
    public ForcedResponse? TakeForced(string path)
    {
        lock (_gate)
        {
            var index = _forced.FindIndex(rule => rule.Matches(path));
            if (index < 0)
            {
                return null;
            }

            var rule = _forced[index];
            if (rule.Remaining is { } remaining)
            {
                rule.Remaining = remaining - 1;
                if (remaining == 1)
                {
                    _forced.RemoveAt(index);
                }
            }

            return rule;
        }
    }

    /// <summary>While flapping, the 1st, 3rd, 5th... request fail.</summary>
    public bool NextFlapFails() => _flapping && Interlocked.Increment(ref _flapCounter) % 2 == 1;

    public void Reset()
    {
        Down = false;
        CorruptBody = false;
        Flapping = false;
        Hang = false;
        WrongSha = false;
        CatastrophicPattern = false;
        RedirectTo = null;
        Delay = TimeSpan.Zero;
        ClearForced();
    }
}
