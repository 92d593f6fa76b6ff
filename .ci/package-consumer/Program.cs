// A service as users write one: takes CoreRegistryClient by PackageReference, registers it with
// AddSchemaEnforcement, and validates a good and a bad payload against a real (loopback) registry.
using CoreRegistryClient;
using CoreRegistryClient.DependencyInjection;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

await using var registry = await LoopbackRegistryServer.StartAsync();
registry.Registry.Add("v1", "orders.OrderPlaced", "1.0.0",
    """{"type":"object","required":["order_id"],"properties":{"order_id":{"type":"string"}}}""");

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSchemaEnforcement(o =>
{
    o.Enabled = true;
    o.RegistryUrl = registry.BaseUri.ToString();
    o.Mode = EnforcementMode.Warn;
});
using var host = builder.Build();
await host.StartAsync();

var schemas = host.Services.GetRequiredService<ISchemaManager>();
var good = await schemas.ValidateAsync("orders.OrderPlaced", """{"order_id":"A-1"}""");
var bad = await schemas.ValidateAsync("orders.OrderPlaced", """{"order":"A-1"}""");
await host.StopAsync();

Console.WriteLine($"good: {good}");
Console.WriteLine($"bad: {bad}");
if (!good.IsValid || bad.IsValid || bad.Errors.Count == 0)
{
    Console.Error.WriteLine("package-consumer: the packed SDK did not validate as expected");
    return 1;
}
Console.WriteLine("package-consumer: ok");
return 0;
