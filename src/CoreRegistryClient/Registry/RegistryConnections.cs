using System.Net.Sockets;

namespace CoreRegistryClient.Registry;

/// <summary>The registry client's TCP connections, opened by its handler's <c>ConnectCallback</c>: tells a schema load
/// whether its request will need a new connection.</summary>
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
    private readonly Lock _gate = new();
    private readonly List<(Socket Socket, long OpenedAt)> _open = [];
    private long _lifetimeMilliseconds = long.MaxValue;

    /// <summary>Whether the SDK's own handler opens the connections (false when a host replaced the primary handler, or
    /// the registry client is not the HTTP one): only then is <see cref="NeedsNewConnection"/> known.</summary>
    public bool Tracking { get; private set; }

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

        lock (_gate)
        {
            _open.Add((socket, Environment.TickCount64));
        }

        return new TrackedStream(socket, this);
    }

    private void Closed(Socket socket)
    {
        lock (_gate)
        {
            _open.RemoveAll(c => ReferenceEquals(c.Socket, socket));
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

    /// <summary>The connection's stream, which reports its closing.</summary>
    private sealed class TrackedStream(Socket socket, RegistryConnections owner) : NetworkStream(socket, ownsSocket: true)
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing) owner.Closed(Socket);
            base.Dispose(disposing);
        }
    }
}
