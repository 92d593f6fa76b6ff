using System.Diagnostics;
using System.Globalization;
using CoreRegistryClient;
using CoreRegistryClient.FleetReplica;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// One replica of a service: validates one payload against one schema every few milliseconds and prints, on stdout,
// "ready {version}" once it validates ("listening", with --redis, once its schema.published listener has read the
// stream's tail), then "switched {version} {unix ms}" the first time it validates with another version, followed by
// "timeline ..." (where the time went, see PropagationTimeline) and "loop_ms {mean validation loop period}". Arguments:
// --registry URL --schema NAME [--redis CONFIG --namespace NS] [--poll-seconds N (0: no polling)] [--read-interval-ms
// N] [--cache-ttl-seconds N (default 300)]. Stops on SIGTERM.
var arguments = Arguments(args);
var builder = Host.CreateApplicationBuilder();
builder.Configuration.Sources.Clear();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["REGISTRY_ENABLED"] = "true",
    ["REGISTRY_URL"] = arguments["--registry"],
    ["REGISTRY_ENFORCEMENT"] = "warn",
    ["REGISTRY_POLL_SECONDS"] = arguments.GetValueOrDefault("--poll-seconds", "0"),
    ["REGISTRY_CACHE_TTL"] = arguments.GetValueOrDefault("--cache-ttl-seconds", "300"),
});
builder.Logging.ClearProviders();
builder.Services.AddSchemaEnforcement(builder.Configuration);
using var timeline = new PropagationTimeline(arguments["--schema"]!);
timeline.Decorate(builder.Services);
if (arguments.TryGetValue("--redis", out var redis))
{
    builder.Services.AddRedisSchemaNotifications(redis!, options =>
    {
        options.Namespace = arguments.GetValueOrDefault("--namespace", "mdp")!;
        options.ReadInterval = TimeSpan.FromMilliseconds(double.Parse(arguments.GetValueOrDefault("--read-interval-ms", "100")!, CultureInfo.InvariantCulture));
    });
}

using var host = builder.Build();
await host.StartAsync();
var schemas = host.Services.GetRequiredService<ISchemaManager>();
var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
var schema = arguments["--schema"]!;
var payload = """{"id":"x"}"""u8.ToArray();
string? current = null;
var loop = new Stopwatch();
long iterations = 0;
while (!lifetime.ApplicationStopping.IsCancellationRequested)
{
    var version = (await schemas.ValidateAsync(schema, payload)).Version;
    if (version is not null && version != current)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (current is null)
        {
            Console.WriteLine($"ready {version}");
            timeline.Arm();
            loop.Start();
        }
        else
        {
            Console.WriteLine($"switched {version} {now}");
            var period = loop.Elapsed.TotalMilliseconds / Math.Max(1, iterations);
            _ = Task.Delay(500).ContinueWith(_ => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, // the load's activity and the handler end just after the swap
                $"{timeline.Describe()}\nloop_ms {period:F1}")), TaskScheduler.Default);
        }

        current = version;
    }

    iterations++;

    try
    {
        await Task.Delay(2, lifetime.ApplicationStopping);
    }
    catch (OperationCanceledException)
    {
        break;
    }
}

await host.StopAsync();
return 0;

static Dictionary<string, string?> Arguments(string[] args)
{
    var parsed = new Dictionary<string, string?>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        parsed[args[i]] = args[i + 1];
    }

    return parsed;
}
