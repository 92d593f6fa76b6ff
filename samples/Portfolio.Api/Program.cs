using CoreRegistryClient.Samples.Portfolio;
using CoreRegistryClient.Testing;

// dotnet run --project samples/Portfolio.Api -- --mode warn --port 5081   (--help lists the options)
if (!PortfolioSettings.TryParse(args, out var settings, out var problem))
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(PortfolioSettings.Usage);
    return 2;
}

if (settings.ShowHelp)
{
    Console.WriteLine(PortfolioSettings.Usage);
    return 0;
}

// No registry given: serve the sample's schemas from an embedded loopback registry (no server to install).
await using var embedded = settings.RegistryUrl is null
    ? await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { SchemaDirectory = Path.Combine(AppContext.BaseDirectory, "schemas") })
    : null;
await using var app = PortfolioApi.Build(settings, settings.RegistryUrl ?? embedded!.BaseUri, args);
await app.StartAsync();
Console.WriteLine($"Portfolio.Api listening on {string.Join(", ", app.Urls)}: mode {settings.Mode ?? "from configuration"}, " +
    $"registry {(embedded is null ? settings.RegistryUrl : embedded.BaseUri + " (embedded)")}");
Console.WriteLine("  POST /monte-carlo/simulations   POST /portfolio/strategies   POST /allocations   GET /metrics   GET /health   GET /openapi/v1.json");
await app.WaitForShutdownAsync();
return 0;
