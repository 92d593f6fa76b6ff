using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Tests.Messaging;

namespace CoreRegistryClient.Samples.Tests.LiveRedis;

[TestFixture]
public sealed class RedisAtLeastOnceConsumerTests : AtLeastOnceConsumerContract
{
    private protected override IMessageBus CreateBus() => new RedisStreamBus(LiveRedisSetUp.Endpoint);
}
