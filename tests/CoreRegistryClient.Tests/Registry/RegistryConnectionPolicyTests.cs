using CoreRegistryClient.Registry;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.Tests.Registry;

/// <summary>The registry client keeps a connection warm between polls (see <see cref="RegistryConnectionPolicy"/>).</summary>
public class RegistryConnectionPolicyTests
{
    [TestCase(1, 15)]
    [TestCase(60, 15)]
    [TestCase(3600, 120)]
    [TestCase(86400, 2880)]
    public void A_connection_lives_twice_the_poll_interval_and_at_least_fifteen_minutes(int pollSeconds, int lifetimeMinutes)
    {
        var poll = TimeSpan.FromSeconds(pollSeconds);
        Assert.Multiple(() =>
        {
            Assert.That(RegistryConnectionPolicy.Lifetime(poll), Is.EqualTo(TimeSpan.FromMinutes(lifetimeMinutes)));
            Assert.That(RegistryConnectionPolicy.IdleTimeout(poll), Is.EqualTo(TimeSpan.FromMinutes(lifetimeMinutes * 4)));
            Assert.That(RegistryConnectionPolicy.IdleTimeout(poll), Is.GreaterThan(poll), "polls keep the connection open");
        });
    }

    [Test]
    public void The_client_uses_a_handler_built_by_the_policy_from_the_poll_interval_and_never_rotated()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_POLL_SECONDS"] = "1800" });

        var factoryOptions = harness.Get<IOptionsMonitor<HttpClientFactoryOptions>>().Get(SchemaRegistryClient.HttpClientName);
        HttpMessageHandler handler = harness.Get<IHttpMessageHandlerFactory>().CreateHandler(SchemaRegistryClient.HttpClientName);
        while (handler is DelegatingHandler delegating) handler = delegating.InnerHandler!;

        Assert.Multiple(() =>
        {
            Assert.That(factoryOptions.HandlerLifetime, Is.EqualTo(Timeout.InfiniteTimeSpan), "a rotated handler is a new, empty pool");
            Assert.That(handler, Is.TypeOf<SocketsHttpHandler>());
            var sockets = (SocketsHttpHandler)handler;
            Assert.That(sockets.PooledConnectionLifetime, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(sockets.PooledConnectionIdleTimeout, Is.EqualTo(TimeSpan.FromHours(4)));
            Assert.That(sockets.AllowAutoRedirect, Is.False, "redirects are followed by the client, under the origin rule");
        });
    }
}
