// A service as users write one: takes CoreRegistryClient (and CoreRegistryClient.AspNetCore, CoreRegistryClient.Redis) by
// PackageReference, registers them with AddSchemaEnforcement(...).AddHttpValidation().AddRedisSchemaNotifications(...)
// (a Redis that is not there: start-up and validation must not notice), validates a good and a bad payload against a
// real (loopback) registry, and serves an HTTP endpoint that enforces its request schema; then validates with the
// optional JsonSchema.Net backend (CoreRegistryClient.JsonSchemaNet) registered in one line, UseJsonSchemaNet().
using System.Net;
using System.Text;
using CoreRegistryClient;
using CoreRegistryClient.Testing;

await using var registry = await LoopbackRegistryServer.StartAsync();
registry.Registry.Add("v1", "orders.OrderPlaced", "1.0.0",
    """{"type":"object","required":["order_id"],"properties":{"order_id":{"type":"string"}}}""");

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");
var settings = new Dictionary<string, string?>
{
    ["REGISTRY_ENABLED"] = "true",
    ["REGISTRY_URL"] = registry.BaseUri.ToString(),
    ["REGISTRY_ENFORCEMENT"] = "warn",
    ["SchemaEnforcement:Http:Endpoints:/orders:Mode"] = "enforce",
};
builder.Configuration.AddInMemoryCollection(settings);
builder.Services.AddSchemaEnforcement(builder.Configuration).AddHttpValidation()
    .AddRedisSchemaNotifications("127.0.0.1:1,connectTimeout=200");
await using var app = builder.Build();
app.MapPost("/orders", (HttpRequest request) => Results.Ok()).ValidateSchema("orders.OrderPlaced");
await app.StartAsync();

var schemas = app.Services.GetRequiredService<ISchemaManager>();
var good = await schemas.ValidateAsync("orders.OrderPlaced", """{"order_id":"A-1"}""");
var bad = await schemas.ValidateAsync("orders.OrderPlaced", """{"order":"A-1"}""");
Console.WriteLine($"good: {good}");
Console.WriteLine($"bad: {bad}");

using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
using var accepted = await client.PostAsync("/orders", new StringContent("""{"order_id":"A-1"}""", Encoding.UTF8, "application/json"));
using var rejected = await client.PostAsync("/orders", new StringContent("""{"order":"A-1"}""", Encoding.UTF8, "application/json"));
Console.WriteLine($"POST /orders valid: {(int)accepted.StatusCode}, invalid: {(int)rejected.StatusCode} {rejected.Content.Headers.ContentType}");
await app.StopAsync();

var netBuilder = Host.CreateApplicationBuilder();
netBuilder.Configuration.AddInMemoryCollection(settings);
netBuilder.Services.AddSchemaEnforcement(netBuilder.Configuration).UseJsonSchemaNet();
using var netHost = netBuilder.Build();
var netBackend = netHost.Services.GetRequiredService<ISchemaValidatorFactory>().Name;
var netSchemas = netHost.Services.GetRequiredService<ISchemaManager>();
var netGood = await netSchemas.ValidateAsync("orders.OrderPlaced", """{"order_id":"A-1"}""");
var netBad = await netSchemas.ValidateAsync("orders.OrderPlaced", """{"order":"A-1"}""");
Console.WriteLine($"{netBackend}: good: {netGood}; bad: {netBad} ({string.Join(", ", netBad.Errors.Select(e => $"{e.Keyword} at '{e.InstanceLocation}'"))})");
if (netBackend != "JsonSchema.Net" || !netGood.IsValid || netBad.IsValid || netBad.Errors.Count == 0)
{
    Console.Error.WriteLine("package-consumer: the packed JsonSchema.Net backend did not validate as expected");
    return 1;
}

if (!good.IsValid || bad.IsValid || bad.Errors.Count == 0)
{
    Console.Error.WriteLine("package-consumer: the packed SDK did not validate as expected");
    return 1;
}

if (accepted.StatusCode != HttpStatusCode.OK || rejected.StatusCode != HttpStatusCode.UnprocessableEntity
    || rejected.Content.Headers.ContentType?.MediaType != "application/problem+json")
{
    Console.Error.WriteLine("package-consumer: the packed HTTP validation did not enforce as expected");
    return 1;
}

Console.WriteLine("package-consumer: ok");
return 0;
