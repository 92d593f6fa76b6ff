using System.Net;
using System.Net.Sockets;
using System.Text;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Tests.Registry;

/// <summary>A schema load learns whether its request needs a new registry connection (see <see cref="RegistryConnections"/>),
/// so that a herd of thread-pool callers lets the pool grow at once for the work item that opens it.</summary>
public class RegistryConnectionsTests
{
    [Test]
    public void Without_the_SDK_handler_nothing_is_known_and_no_new_connection_is_assumed()
    {
        var connections = new RegistryConnections();

        Assert.Multiple(() =>
        {
            Assert.That(connections.Tracking, Is.False);
            Assert.That(connections.NeedsNewConnection, Is.False, "a host's own handler or client keeps the backstop delay");
        });
    }

    [Test]
    public async Task A_connection_is_needed_before_the_first_call_not_while_one_is_open_and_again_once_the_registry_closed_it()
    {
        using var server = new OneResponseServer();
        var connections = new RegistryConnections();
        using var client = new HttpClient(RegistryConnectionPolicy.CreateHandler(new SchemaEnforcementOptions(), connections));

        var before = connections.NeedsNewConnection;
        using (var response = await client.GetAsync(server.Uri))
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{}"));
        }

        var open = connections.NeedsNewConnection;
        server.CloseConnection(); // as a registry does when its keep-alive runs out: the client's pool does not know yet

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.True, "no connection yet");
            Assert.That(open, Is.False, "the idle connection is reused");
            Assert.That(() => connections.NeedsNewConnection, Is.True.After(10_000, 20), "closed by the registry");
        });
    }

    [Test]
    public async Task A_connection_the_handler_closes_is_no_longer_counted()
    {
        using var server = new OneResponseServer();
        var connections = new RegistryConnections();
        var handler = RegistryConnectionPolicy.CreateHandler(new SchemaEnforcementOptions(), connections);
        using (var client = new HttpClient(handler))
        using (var response = await client.GetAsync(server.Uri))
        {
            Assert.That(connections.NeedsNewConnection, Is.False);
        }

        Assert.That(connections.NeedsNewConnection, Is.True, "disposing the handler closed its connections");
    }

    [Test]
    public async Task An_idle_connection_near_its_lifetime_is_retired_so_that_the_next_call_opens_its_replacement()
    {
        await using var server = await LoopbackRegistryServer.StartAsync();
        var connections = new RegistryConnections();
        var handler = RegistryConnectionPolicy.CreateHandler(new SchemaEnforcementOptions(), connections);
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(10);
        connections.Install(handler); // picks up the lifetime set above
        using var client = new HttpClient(handler) { BaseAddress = server.BaseUri };
        (await client.GetAsync("health")).Dispose();

        var tooEarly = connections.RetireExpiring(TimeSpan.FromMinutes(1));
        var inUse = connections.RetireExpiring(TimeSpan.FromMinutes(10)); // just used: not idle yet
        await Task.Delay(RegistryConnections.IdleAfter + TimeSpan.FromMilliseconds(200));
        var retired = connections.RetireExpiring(TimeSpan.FromMinutes(10));
        var afterRetiring = connections.NeedsNewConnection;
        using (var response = await client.GetAsync("health"))
        {
            Assert.That(response.IsSuccessStatusCode, Is.True, "the handler dropped the retired connection and opened a new one");
        }

        Assert.Multiple(() =>
        {
            Assert.That(tooEarly, Is.Zero, "not within a minute of its lifetime");
            Assert.That(inUse, Is.Zero, "a connection used within the last second is left alone");
            Assert.That(retired, Is.EqualTo(1));
            Assert.That(afterRetiring, Is.True, "a retired connection is not live");
            Assert.That(connections.NeedsNewConnection, Is.False, "its replacement is");
            Assert.That(server.RequestCount("/health"), Is.EqualTo(2));
        });
    }

    /// <summary>Accepts one connection and answers one request on it, keeping it open until told to close it.</summary>
    private sealed class OneResponseServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task<Socket> _accepted;

        public OneResponseServer()
        {
            _listener.Start();
            Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/health");
            _accepted = Task.Run(async () =>
            {
                var socket = await _listener.AcceptSocketAsync();
                var buffer = new byte[4096];
                var received = new StringBuilder();
                while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    received.Append(Encoding.ASCII.GetString(buffer, 0, await socket.ReceiveAsync(buffer)));
                }

                await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"));
                return socket;
            });
        }

        public Uri Uri { get; }

        public void CloseConnection()
        {
            var socket = _accepted.GetAwaiter().GetResult();
            socket.Shutdown(SocketShutdown.Both);
            socket.Dispose();
        }

        public void Dispose()
        {
            if (_accepted.IsCompletedSuccessfully) _accepted.Result.Dispose();
            _listener.Stop();
        }
    }
}
