using CoreRegistryClient;
using CoreRegistryClient.Enforcement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
// Binds the "SchemaEnforcement" section and REGISTRY_* / SCHEMA_* environment variables, validated at start-up.
builder.Services.AddSchemaEnforcement(builder.Configuration);
builder.Services.AddHealthChecks().AddSchemaRegistry();
using var host = builder.Build();
await host.StartAsync();

var schemas = host.Services.GetRequiredService<ISchemaManager>();
string[] payloads =
[
    """{"coordinator_id":"c1","queue_size":5,"capacity":100,"level":"ok","ts":1767225600}""",
    """{"coordinator_id":"c1"}""",
];
foreach (var payload in payloads)
{
    try
    {
        // warn: an invalid payload is logged, counted and returned as an invalid outcome; the caller carries on.
        var outcome = await schemas.ValidateAsync("telemetry.FeedbackEvent", payload, key: "c1");
        Console.WriteLine(outcome);
    }
    catch (SchemaValidationException rejected)
    {
        // strict: rejected, with the schema, tracks, version and every error's instance and keyword location.
        Console.WriteLine($"rejected: {rejected.Message}");
    }
}

await host.StopAsync();
