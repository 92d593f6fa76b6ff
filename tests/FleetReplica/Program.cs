using System.Globalization;
using CoreRegistryClient;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// One replica of a service: validates one payload against one schema every few milliseconds and prints, on stdout,
// "ready {version}" once it validates, then "switched {version} {unix ms}" the first time it validates with another
// version. Arguments: --registry URL --schema NAME [--redis CONFIG --namespace NS] [--poll-seconds N (0: no polling)]
// [--read-interval-ms N]. Stops on SIGTERM.
var arguments = Arguments(args);
var builder = Host.CreateApplicationBuilder();
builder.Configuration.Sources.Clear();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["REGISTRY_ENABLED"] = "true",
    ["REGISTRY_URL"] = arguments["--registry"],
    ["REGISTRY_ENFORCEMENT"] = "warn",
    ["REGISTRY_POLL_SECONDS"] = arguments.GetValueOrDefault("--poll-seconds", "0"),
});
builder.Logging.ClearProviders();
builder.Services.AddSchemaEnforcement(builder.Configuration);
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
while (!lifetime.ApplicationStopping.IsCancellationRequested)
{
    var version = (await schemas.ValidateAsync(schema, payload)).Version;
    if (version is not null && version != current)
    {
        Console.WriteLine(current is null ? $"ready {version}" : $"switched {version} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
        current = version;
    }

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
