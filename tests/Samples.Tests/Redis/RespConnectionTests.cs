using System.Net;
using System.Net.Sockets;
using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Tests.Redis;

/// <summary>Failure behaviour against a fake server on loopback that misbehaves on purpose.</summary>
public class RespConnectionTests
{
    [Test]
    public async Task Nothing_listening_is_a_connection_error_naming_the_endpoint()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var connection = new RespConnection(new RedisEndpoint("127.0.0.1", port));
        var error = Assert.ThrowsAsync<RedisConnectionException>(() => connection.ExecuteAsync(new RespCommand("PING")));
        Assert.That(error!.Message, Does.Contain($"127.0.0.1:{port}"));
    }

    [Test]
    public async Task Garbage_reply_is_a_protocol_error_and_the_next_command_uses_a_fresh_socket()
    {
        var replies = new Queue<byte[]>(["HTTP/1.1 400 Bad Request\r\n"u8.ToArray(), "+PONG\r\n"u8.ToArray()]);
        await using var server = await FakeServer.StartAsync(replies);
        await using var connection = new RespConnection(server.Endpoint);

        Assert.ThrowsAsync<RespProtocolException>(() => connection.ExecuteAsync(new RespCommand("PING")));
        var second = await connection.ExecuteAsync(new RespCommand("PING"));
        Assert.Multiple(() =>
        {
            Assert.That(second.AsString(), Is.EqualTo("PONG"));
            Assert.That(server.Accepted, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Server_that_never_answers_times_out_as_a_connection_error()
    {
        await using var server = await FakeServer.StartAsync(new Queue<byte[]>());
        await using var connection = new RespConnection(server.Endpoint, new RespConnectionOptions { CommandTimeout = TimeSpan.FromMilliseconds(200) });
        var error = Assert.ThrowsAsync<RedisConnectionException>(() => connection.ExecuteAsync(new RespCommand("PING")));
        Assert.That(error!.Message, Does.Contain("PING got no reply"));
    }

    [Test]
    public async Task Server_closing_mid_reply_is_reported_and_not_hung_on()
    {
        await using var server = await FakeServer.StartAsync(new Queue<byte[]>(["$10\r\nabc"u8.ToArray()]), closeAfterReply: true);
        await using var connection = new RespConnection(server.Endpoint);
        Assert.ThrowsAsync<RespProtocolException>(() => connection.ExecuteAsync(new RespCommand("GET").Add("k")));
    }

    /// <summary>Accepts connections on 127.0.0.1:0; answers each received command with the next canned reply (or never).</summary>
    private sealed class FakeServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _accepted;

        private FakeServer(TcpListener listener, Queue<byte[]> replies, bool closeAfterReply)
        {
            _listener = listener;
            _loop = Task.Run(() => AcceptLoop(replies, closeAfterReply));
        }

        public RedisEndpoint Endpoint => new("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);

        public int Accepted => Volatile.Read(ref _accepted);

        public static Task<FakeServer> StartAsync(Queue<byte[]> replies, bool closeAfterReply = false)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new FakeServer(listener, replies, closeAfterReply));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopping the listener ends the accept loop this way.
            }

            _stop.Dispose();
        }

        private async Task AcceptLoop(Queue<byte[]> replies, bool closeAfterReply)
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        var stream = client.GetStream();
                        var reader = new RespReader(stream);
                        try
                        {
                            while (true)
                            {
                                _ = await reader.ReadAsync(_stop.Token);
                                byte[]? reply;
                                lock (replies)
                                {
                                    replies.TryDequeue(out reply);
                                }

                                if (reply is null)
                                {
                                    await Task.Delay(Timeout.Infinite, _stop.Token);
                                }

                                await stream.WriteAsync(reply, _stop.Token);
                                if (closeAfterReply)
                                {
                                    return;
                                }
                            }
                        }
                        catch (Exception e) when (e is IOException or OperationCanceledException or EndOfStreamException or RespProtocolException)
                        {
                            // The client went away or the test ended.
                        }
                    }
                });
            }
        }
    }
}
