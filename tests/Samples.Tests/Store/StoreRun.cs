using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Store;
using CoreRegistryClient.Samples.Store.Drift;
using CoreRegistryClient.Samples.Store.Hosting;
using CoreRegistryClient.Samples.Store.Publishing;
using CoreRegistryClient.Samples.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.Samples.Tests.Store;

/// <summary>A started store sample (embedded registry over <c>samples/schemas</c>, the sample's fixtures,
/// 127.0.0.1:0) that keeps serving after <c>--count</c>, for the test to inspect.</summary>
internal sealed class StoreRun : SampleRun
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private StoreRun(StartedSample started)
        : base(started)
    {
    }

    public StoreCounters Counters => App.Services.GetRequiredService<StoreCounters>();

    public DriftBoard Drift => App.Services.GetRequiredService<DriftBoard>();

    public StoreSettings Settings => App.Services.GetRequiredService<StoreSettings>();

    public static string FixtureDirectory => Path.Combine(RepoPaths.Root, "samples", "Store.Sample", "fixtures");

    /// <summary>Settings for a fast bounded run that stays up: one drift run (the next is an hour away).</summary>
    public static StoreSettings Bounded(long count, double invalidShare, string? mode = null) => new()
    {
        Count = count,
        KeepServing = true,
        Rate = 4000,
        InvalidShare = invalidShare,
        Mode = mode,
        DriftInterval = TimeSpan.FromHours(1),
        SummaryInterval = TimeSpan.FromHours(1),
    };

    /// <param name="settings">The run's settings; the listen address and fixtures are set here.</param>
    /// <param name="registryDown">Start with the embedded registry dropping every connection.</param>
    public static async Task<StoreRun> StartAsync(StoreSettings settings, bool registryDown = false) =>
        new(await SampleRun.StartAsync((registry, output) => StoreHost.Build(settings with { Listen = "http://127.0.0.1:0", Fixtures = FixtureDirectory }, registry, output), registryDown));

    /// <summary>Waits until <c>--count</c> events were produced and the first drift run finished.</summary>
    public async Task WaitForRunAsync()
    {
        var progress = App.Services.GetRequiredService<RunProgress>();
        await Task.WhenAll(progress.Publishing, progress.FirstDriftRun).WaitAsync(Patience);
    }

    /// <summary>Every entry of <paramref name="stream"/>, read through a consumer group of the test's own.</summary>
    public async Task<IReadOnlyList<BusMessage>> ReadAllAsync(string stream)
    {
        var consumer = new ConsumerIdentity(stream, "test-" + Guid.NewGuid().ToString("N")[..8], "reader");
        await Bus.EnsureGroupAsync(stream, consumer.Group);
        var all = new List<BusMessage>();
        while (true)
        {
            var batch = await Bus.ReadAsync(consumer, 500, TimeSpan.FromMilliseconds(1));
            if (batch.Count == 0)
            {
                return all;
            }

            all.AddRange(batch);
        }
    }

    public async Task<string> GetAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = Patience };
        return await http.GetStringAsync(new Uri(path, UriKind.Relative));
    }

}
