using System.Net;
using System.Net.Sockets;

namespace CoreRegistryClient.Samples.Redis;

/// <summary>
/// One asynchronous RESP2 connection to a Redis server over TCP: send a command, read its reply.
/// </summary>
/// <remarks>
/// <para>Why this exists: the samples need Redis Streams, and the client to use for that in production,
/// StackExchange.Redis, cannot be restored in this project's build environment (its dependencies
/// Pipelines.Sockets.Unofficial, RESPite and System.IO.Hashing are missing from the package mirror). This
/// class and <see cref="RedisStreamClient"/> implement only the handful of commands the samples' bus uses
/// (XGROUP CREATE, XADD, XREADGROUP, XACK, XAUTOCLAIM, XPENDING, XLEN, plus XRANGE, PING and DEL). It is not a
/// general Redis client: no pipelining, no pub/sub, no cluster, no TLS, no AUTH.</para>
/// <para>To swap it for StackExchange.Redis, implement <c>IMessageBus</c> over <c>IDatabase.StreamAddAsync</c>,
/// <c>StreamReadGroupAsync</c>, <c>StreamAcknowledgeAsync</c>, <c>StreamAutoClaimAsync</c>,
/// <c>StreamPendingAsync</c> and <c>StreamLengthAsync</c>, and register it instead of <c>RedisStreamBus</c>;
/// nothing else in the samples talks to Redis.</para>
/// <para>Commands are serialised: one is on the wire at a time. A blocking command (XREADGROUP BLOCK) holds
/// the connection for its block time, so give blocking readers their own connection. Any failure that
/// leaves the framing in doubt (timeout, cancellation, protocol error, broken socket) closes the socket and
/// the next command reconnects; an error reply does not, it is a complete answer.</para>
/// </remarks>
public sealed class RespConnection : IAsyncDisposable
{
    private readonly RespConnectionOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Socket? _socket;
    private NetworkStream? _stream;
    private RespReader? _reader;
    private bool _disposed;

    /// <summary>Creates a connection; the socket opens on the first command.</summary>
    public RespConnection(RedisEndpoint endpoint, RespConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _options = options ?? new RespConnectionOptions();
    }

    /// <summary>The server this connection talks to.</summary>
    public RedisEndpoint Endpoint { get; }

    /// <summary>Sends <paramref name="command"/> and returns its reply.</summary>
    /// <exception cref="RedisErrorReplyException">The server answered with an error reply.</exception>
    /// <exception cref="RedisConnectionException">Connecting failed, the connection broke, or the reply did not come in time.</exception>
    /// <exception cref="RespProtocolException">The server's reply is not valid RESP2.</exception>
    public Task<RespValue> ExecuteAsync(RespCommand command, CancellationToken cancellationToken = default) =>
        ExecuteAsync(command, TimeSpan.Zero, cancellationToken);

    /// <summary>Sends a command that may legitimately wait on the server (BLOCK) for up to <paramref name="serverWait"/>.</summary>
    public async Task<RespValue> ExecuteAsync(RespCommand command, TimeSpan serverWait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var timeout = _options.CommandTimeout + serverWait;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            RespValue reply;
            try
            {
                var (stream, reader) = await EnsureConnectedAsync(cancellationToken);
                await stream.WriteAsync(RespWriter.Encode(command), deadline.Token);
                reply = await reader.ReadAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Disconnect();
                throw new RedisConnectionException($"{command.Name} got no reply from {Endpoint} within {timeout.TotalSeconds:0.###} s.");
            }
            catch (Exception e) when (e is IOException or SocketException or EndOfStreamException)
            {
                Disconnect();
                throw new RedisConnectionException($"The connection to {Endpoint} broke during {command.Name}: {e.Message}", e);
            }
            catch
            {
                // Cancellation or a protocol error: the reply may still arrive later and would be read as
                // the answer to the next command, so this socket cannot be reused.
                Disconnect();
                throw;
            }

            return reply.Type == RespType.Error
                ? throw new RedisErrorReplyException(reply.AsString() ?? "ERR")
                : reply;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            Disconnect();
        }
        finally
        {
            _gate.Release();
        }

        _gate.Dispose();
    }

    private async Task<(NetworkStream Stream, RespReader Reader)> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null && _reader is not null)
        {
            return (_stream, _reader);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new DnsEndPoint(Endpoint.Host, Endpoint.Port), deadline.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            var why = e is SocketException socketError ? socketError.Message : $"timed out after {_options.ConnectTimeout.TotalSeconds:0.###} s";
            throw new RedisConnectionException($"Could not connect to Redis at {Endpoint}: {why}.", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new RespReader(_stream, _options.MaxBulkLength);
        return (_stream, _reader);
    }

    private void Disconnect()
    {
        _stream?.Dispose();
        _socket?.Dispose();
        _stream = null;
        _socket = null;
        _reader = null;
    }
}
