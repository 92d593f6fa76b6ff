using CoreRegistryClient.Caching;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Registry;

/// <summary>Keeps a live connection to the registry while the SDK runs: when the last one is gone (closed by the
/// registry, e.g. at its keep-alive timeout, or failed), or is about to reach its lifetime, it asks <c>GET /health</c>
/// from a thread of its own, the way the start-up call does, so that the handler opens a new one.</summary>
/// <remarks>
/// <para>Why: a schema load over a live pooled connection needs no thread-pool thread, so a herd of thread-pool callers
/// blocked on a cold miss is released when the registry answers. Without one, the handler opens the connection on a
/// thread-pool work item that queues behind the herd (seconds on a loaded 2-core machine, see
/// <see cref="RegistryConnections"/>). Here, no herd waits: the pool is free and the connection opens in milliseconds.</para>
/// <para>It looks every <see cref="CheckInterval"/> (a poll of each tracked socket, no I/O). One attempt at a time; after
/// a failed attempt (or one that left no live connection, e.g. a registry that closes every connection after its
/// answer) it waits <see cref="FirstBackoff"/>, doubling up to <see cref="MaxBackoff"/>, and it sends nothing while the
/// circuit breaker is open: an outage costs one call per backoff step, never a storm. Connections are retired
/// <see cref="RenewAhead"/> before their lifetime when idle, so a load never finds an expired one. Inactive when a host
/// replaced the SDK's HTTP handler or registry client (nothing is tracked then), and after the host stops.</para>
/// </remarks>
internal sealed class RegistryConnectionKeeper : IHostedService, IDisposable
{
    /// <summary>How often the connections are looked at.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>The wait after the first failed attempt.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts while the registry cannot be reached.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    private readonly RegistryConnections _connections;
    private readonly SchemaRegistryClient? _client;
    private readonly RegistryResiliencePipeline? _resilience;
    private readonly EnforcementPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private bool _stopped;
    private bool _attempting;
    private long _nextAttemptAt;
    private TimeSpan _backoff;
    private int _attempts;

    public RegistryConnectionKeeper(RegistryConnections connections, ISchemaRegistryClient registry, RegistryResiliencePipeline? resilience, EnforcementPolicy policy,
        TimeProvider time, ILogger<RegistryConnectionKeeper> logger)
    {
        _connections = connections ?? throw new ArgumentNullException(nameof(connections));
        _client = registry as SchemaRegistryClient;
        _resilience = resilience;
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>How many attempts were started (each is one health call, with the pipeline's retries).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>How long before its lifetime an idle connection is replaced: a tenth of the lifetime, at most a minute.</summary>
    public static TimeSpan RenewAhead(TimeSpan lifetime) =>
        lifetime == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(lifetime.Ticks / 10, TimeSpan.FromMinutes(1).Ticks));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stopped || _timer is not null || _client is null) return Task.CompletedTask;
            _timer = _time.CreateTimer(static state => ((RegistryConnectionKeeper)state!).Check(), this, CheckInterval, CheckInterval);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Stop();
        _stopping.Dispose();
    }

    private void Stop()
    {
        ITimer? timer;
        lock (_gate)
        {
            if (_stopped) return;
            _stopped = true;
            timer = _timer;
            _timer = null;
        }

        timer?.Dispose();
        _stopping.Cancel();
    }

    /// <summary>One look: retire expiring idle connections, and start an attempt when no live one is left.</summary>
    internal void Check()
    {
        lock (_gate)
        {
            if (_stopped || _attempting || _time.GetTimestamp() < _nextAttemptAt) return;
        }

        // Nothing is known until the SDK's handler is built (by the first call), nor ever with a host's own handler.
        if (!_connections.Tracking || !_policy.Current.Enabled) return;
        _connections.RetireExpiring(RenewAhead(_connections.Lifetime));
        if (!_connections.NeedsNewConnection || _resilience?.IsCircuitOpen == true) return;

        lock (_gate)
        {
            if (_stopped || _attempting) return;
            _attempting = true;
            _attempts++;
        }

        _ = DedicatedThread.Run("CoreRegistryClient connection keeper", Attempt);
    }

    private bool Attempt()
    {
        var started = _time.GetTimestamp();
        string? failure = null;
        try
        {
            _client!.GetHealth(_policy.Current.Options.Timeout, _stopping.Token);
            if (_connections.NeedsNewConnection) failure = "no_live_connection";
        }
        catch (Exception exception) when (!_stopping.IsCancellationRequested)
        {
            failure = RegistryErrorTypes.For(exception);
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // Stopped while connecting: nothing to report.
        }
        finally
        {
            Settle(failure, _time.GetElapsedTime(started));
        }

        return failure is null;
    }

    private void Settle(string? failure, TimeSpan elapsed)
    {
        TimeSpan wait;
        lock (_gate)
        {
            _attempting = false;
            _backoff = failure is null ? TimeSpan.Zero : _backoff == TimeSpan.Zero ? FirstBackoff : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));
            _nextAttemptAt = _time.GetTimestamp() + (long)(_backoff.TotalSeconds * _time.TimestampFrequency);
            wait = _backoff;
            if (_stopped) return;
        }

        if (failure is null) _logger.RegistryConnectionRewarmed(elapsed.TotalMilliseconds);
        else _logger.RegistryConnectionRewarmFailed(failure, wait.TotalSeconds);
    }
}
