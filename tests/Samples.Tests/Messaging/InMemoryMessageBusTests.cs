using CoreRegistryClient.Samples.Messaging;

namespace CoreRegistryClient.Samples.Tests.Messaging;

[TestFixture]
public sealed class InMemoryMessageBusTests : MessageBusContract
{
    private protected override IMessageBus CreateBus() => new InMemoryMessageBus();

    [Test]
    public async Task Reading_without_a_group_says_to_create_it()
    {
        await using var bus = new InMemoryMessageBus();
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => bus.ReadAsync(new ConsumerIdentity("s", "g", "c"), 1, TimeSpan.Zero));
        Assert.That(error!.Message, Does.Contain("NOGROUP").And.Contain("EnsureGroupAsync"));
    }
}
