using CoreRegistryClient.Registry;
using CoreRegistryClient.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace CoreRegistryClient.Tests.Registry;

public sealed class RegistryServiceCollectionExtensionsTests
{
    [Test]
    public void The_client_is_a_singleton_with_a_no_op_observer_by_default()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSchemaRegistryClient();
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var client = provider.GetRequiredService<ISchemaRegistryClient>();

        Assert.That(client, Is.InstanceOf<SchemaRegistryClient>());
        Assert.That(provider.GetRequiredService<ISchemaRegistryClient>(), Is.SameAs(client));
        Assert.That(provider.GetRequiredService<IRegistryCallObserver>(), Is.InstanceOf<NullRegistryCallObserver>());
    }

    [Test]
    public void A_client_registered_earlier_is_kept()
    {
        var inMemory = new InMemorySchemaRegistry();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<ISchemaRegistryClient>(inMemory);
        services.AddSchemaRegistryClient();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<ISchemaRegistryClient>(), Is.SameAs(inMemory));
    }

    [Test]
    public void An_observer_added_after_the_client_replaces_the_no_op()
    {
        var observer = new RecordingCallObserver();
        var services = new ServiceCollection().AddLogging();
        services.AddSchemaRegistryClient();
        services.AddSingleton<IRegistryCallObserver>(observer);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IRegistryCallObserver>(), Is.SameAs(observer));
    }

    [Test]
    public void Calling_it_twice_registers_one_client()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSchemaRegistryClient();
        services.AddSchemaRegistryClient();

        Assert.That(services.Count(d => d.ServiceType == typeof(ISchemaRegistryClient)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_registry_url_changed_at_run_time_is_used_by_the_next_call()
    {
        await using var first = await LoopbackRegistryServer.StartAsync();
        await using var second = await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { PathPrefix = "/api/v1/" });
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RegistryUrl"] = first.BaseUri.ToString() })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.Configure<SchemaEnforcementOptions>(configuration);
        services.AddSchemaRegistryClient();
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ISchemaRegistryClient>();

        await client.GetHealthAsync();
        configuration["RegistryUrl"] = second.BaseUri + "/";
        configuration.Reload();
        await client.GetHealthAsync();

        Assert.That(first.RequestCount("/health"), Is.EqualTo(1));
        Assert.That(second.RequestCount("/health"), Is.EqualTo(1));
    }
}
