using System.Net.Sockets;

namespace CoreRegistryClient.Registry;

/// <summary>The registry client's TCP connections, opened by its handler's <c>ConnectCallback</c>: tells a schema load
/// whether its request will need a new connection, and lets <see cref="RegistryConnectionKeeper"/> replace a connection
/// ahead of its lifetime.</summary>
/// <remarks>
/// <para>Why: a new connection is opened on a thread-pool work item (<c>HttpConnectionPool.InjectNewHttp11ConnectionAsync</c>
/// yields with <c>ConfigureAwaitOptions.ForceYielding</c> and no captured context, so neither a synchronization context
/// nor a task scheduler of the load thread can take it, and it then connects and handshakes with <c>async: true</c>).
/// Blocked thread-pool callers of that load must then let the pool grow at once (<c>SchemaLoad.Wait</c>) rather
/// than after the backstop delay meant for loads over a warm connection.</para>
/// <para>"Live" is what the handler itself checks before reusing an idle connection, done here without consuming
/// anything: younger than the connection lifetime, and not closed by the registry (a readable socket with no data is
/// at end of stream). A live connection that another call is using at that moment still counts as live, so the
/// answer errs on the side of the backstop delay.</para>
/// </remarks>
internal sealed class RegistryConnections
{
    /// <summary>How long a connection must have seen no read or write before it counts as idle (so that it may be
    /// retired): registry calls take milliseconds, and a call that is cut anyway is retried by the handler on a new
    /// connection, since the registry sent none of its response.</summary>
    internal static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly List<TrackedStream> _open = [];
    private long _lifetimeMilliseconds = long.MaxValue;

    /// <summary>Whether the SDK's own handler opens the connections (false when a host replaced the primary handler, or
    /// the registry client is not the HTTP one): only then is <see cref="NeedsNewConnection"/> known.</summary>
    public bool Tracking { get; private set; }

    /// <summary>The handler's <c>PooledConnectionLifetime</c> (<see cref="Timeout.InfiniteTimeSpan"/> when unbounded).</summary>
    public TimeSpan Lifetime => _lifetimeMilliseconds == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(_lifetimeMilliseconds);

    /// <summary>True when the SDK's handler has no live connection to the registry, so the next request opens one.</summary>
    public bool NeedsNewConnection
    {
        get
        {
            if (!Tracking) return false;
            var now = Environment.TickCount64;
            lock (_gate)
            {
                return !_open.Exists(c => now - c.OpenedAt < _lifetimeMilliseconds && IsOpen(c.Socket));
            }
        }
    }

    /// <summary>Makes <paramref name="handler"/> open its connections here (the runtime's default way: a TCP socket with
    /// Nagle off, connected to the endpoint it asks for).</summary>
    public void Install(SocketsHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _lifetimeMilliseconds = handler.PooledConnectionLifetime == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)handler.PooledConnectionLifetime.TotalMilliseconds;
        handler.ConnectCallback = ConnectAsync;
        Tracking = true;
    }

    /// <summary>Closes the idle connections that reach their lifetime within <paramref name="ahead"/>, so that the next
    /// request (the keeper's, while no herd waits) opens their replacement rather than a load finding them expired.
    /// Returns how many were closed.</summary>
    /// <remarks>Closing (both directions) makes the socket readable at end of stream, which is what the handler checks
    /// before reusing an idle connection: it then drops it and opens a new one. A connection in use is left alone.</remarks>
    public int RetireExpiring(TimeSpan ahead)
    {
        if (_lifetimeMilliseconds == long.MaxValue) return 0;
        var now = Environment.TickCount64;
        var retireAfter = _lifetimeMilliseconds - (long)ahead.TotalMilliseconds;
        var idleAfter = (long)IdleAfter.TotalMilliseconds;
        List<TrackedStream> expiring;
        lock (_gate)
        {
            expiring = _open.FindAll(c => now - c.OpenedAt >= retireAfter && c.IsIdle(now, idleAfter) && IsOpen(c.Socket));
        }

        foreach (var connection in expiring)
        {
            try
            {
                connection.Socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception exception) when (exception is ObjectDisposedException or SocketException)
            {
                // Closed meanwhile: nothing to retire.
            }
        }

        return expiring.Count;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var stream = new TrackedStream(socket, this);
        lock (_gate)
        {
            _open.Add(stream);
        }

        return stream;
    }

    private void Closed(TrackedStream stream)
    {
        lock (_gate)
        {
            _open.Remove(stream);
        }
    }

    private static bool IsOpen(Socket socket)
    {
        try
        {
            return !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
        }
        catch (Exception exception) when (exception is ObjectDisposedException or SocketException)
        {
            return false;
        }
    }

    /// <summary>The connection's stream, which reports its closing and when it was last read or written.</summary>
    /// <remarks>Only non-empty reads count as use: the handler's zero-byte read on an idle connection (its check for a
    /// close by the registry) stays pending while the connection sits in the pool.</remarks>
    private sealed class TrackedStream(Socket socket, RegistryConnections owner) : NetworkStream(socket, ownsSocket: true)
    {
        private long _lastUse = Environment.TickCount64;
        private int _inUse;

        public long OpenedAt { get; } = Environment.TickCount64;

        public new Socket Socket => base.Socket;

        public bool IsIdle(long now, long idleAfter) => Volatile.Read(ref _inUse) == 0 && now - Volatile.Read(ref _lastUse) >= idleAfter;

        // The overloads the handler uses; each calls the same overload of the base (a nested call through another
        // overload counts twice, which balances out).
        public override int Read(Span<byte> buffer)
        {
            Begin(buffer.Length);
            try
            {
                return base.Read(buffer);
            }
            finally
            {
                End(buffer.Length);
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Begin(count);
            try
            {
                return base.Read(buffer, offset, count);
            }
            finally
            {
                End(count);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Begin(buffer.Length);
            try
            {
                return await base.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                End(buffer.Length);
            }
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Begin(buffer.Length);
            try
            {
                base.Write(buffer);
            }
            finally
            {
                End(buffer.Length);
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Begin(count);
            try
            {
                base.Write(buffer, offset, count);
            }
            finally
            {
                End(count);
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Begin(buffer.Length);
            try
            {
                await base.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                End(buffer.Length);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) owner.Closed(this);
            base.Dispose(disposing);
        }

        private void Begin(int length)
        {
            if (length == 0) return;
            Interlocked.Increment(ref _inUse);
            Volatile.Write(ref _lastUse, Environment.TickCount64);
        }

        private void End(int length)
        {
            if (length == 0) return;
            Volatile.Write(ref _lastUse, Environment.TickCount64);
            Interlocked.Decrement(ref _inUse);
        }
    }
}
