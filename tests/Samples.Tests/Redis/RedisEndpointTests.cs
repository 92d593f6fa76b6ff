using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Tests.Redis;

public class RedisEndpointTests
{
    [TestCase("localhost", "localhost", 6379)]
    [TestCase("127.0.0.1:6380", "127.0.0.1", 6380)]
    [TestCase(" redis.internal:7000 ", "redis.internal", 7000)]
    [TestCase("[::1]:6390", "::1", 6390)]
    [TestCase("[::1]", "::1", 6379)]
    public void Endpoint_text_is_parsed(string text, string host, int port) =>
        Assert.That(RedisEndpoint.Parse(text), Is.EqualTo(new RedisEndpoint(host, port)));

    [TestCase("")]
    [TestCase(":6379")]
    [TestCase("host:0")]
    [TestCase("host:65536")]
    [TestCase("host:abc")]
    [TestCase("[::1")]
    [TestCase("[::1]6379")]
    public void Invalid_endpoint_text_is_a_format_error(string text) =>
        Assert.Throws<FormatException>(() => RedisEndpoint.Parse(text));

    [Test]
    public void Ipv6_endpoint_prints_with_brackets() =>
        Assert.That(new RedisEndpoint("::1", 6379).ToString(), Is.EqualTo("[::1]:6379"));
}
