using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>A started sample host with its own embedded registry over <c>samples/schemas</c>, for a test to feed
/// and inspect; disposing stops both.</summary>
internal abstract class SampleRun : IAsyncDisposable
{
    protected SampleRun(StartedSample started)
    {
        ArgumentNullException.ThrowIfNull(started);
        Registry = started.Registry;
        App = started.App;
        Output = started.Output;
        var address = App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);
    }

    public static string SchemaDirectory => Path.Combine(RepoPaths.Root, "samples", "schemas");

    public LoopbackRegistryServer Registry { get; }

    public WebApplication App { get; }

    public StringWriter Output { get; }

    public Uri BaseAddress { get; }

    public IMessageBus Bus => App.Services.GetRequiredService<IMessageBus>();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Registry.DisposeAsync();
        await Output.DisposeAsync();
    }

    /// <summary>Starts the embedded registry, then the app <paramref name="build"/> makes for it.</summary>
    /// <param name="build">Builds the app from the registry's address and the output writer.</param>
    /// <param name="registryDown">Start with the embedded registry dropping every connection.</param>
    protected static async Task<StartedSample> StartAsync(Func<Uri, TextWriter, WebApplication> build, bool registryDown = false)
    {
        var registry = await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { SchemaDirectory = SchemaDirectory });
        registry.Down = registryDown;
        var output = new StringWriter();
        var app = build(registry.BaseUri, output);
        await app.StartAsync();
        return new StartedSample(registry, app, output);
    }

    protected sealed record StartedSample(LoopbackRegistryServer Registry, WebApplication App, StringWriter Output);
}
