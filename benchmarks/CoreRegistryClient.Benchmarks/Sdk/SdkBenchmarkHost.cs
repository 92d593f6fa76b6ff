using CoreRegistryClient.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.Benchmarks.Sdk;

/// <summary>The SDK as a service wires it, over an in-memory registry holding the bench corpus on track v1.</summary>
internal static class SdkBenchmarkHost
{
    public static readonly string[] CorpusSchemas = ["telemetry.FeedbackEvent", "md.BarBatch", "portfolio.AllocationRequest"];

    public static ServiceProvider Build(string mode, InMemorySchemaRegistry registry, int maxCachedSchemas = 1000)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["REGISTRY_ENABLED"] = "true",
            ["REGISTRY_URL"] = "http://127.0.0.1:9/",
            ["REGISTRY_ENFORCEMENT"] = mode,
            ["REGISTRY_POLL_SECONDS"] = "0",
            ["SchemaEnforcement:MaxCachedSchemas"] = maxCachedSchemas.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        return new ServiceCollection().AddSchemaEnforcement(configuration).AddSingleton<Registry.ISchemaRegistryClient>(registry).BuildServiceProvider();
    }

    public static InMemorySchemaRegistry CorpusRegistry()
    {
        var registry = new InMemorySchemaRegistry();
        foreach (var name in CorpusSchemas)
        {
            registry.Add("v1", name, "1.0.0", BenchCorpus.SchemaText(name));
        }

        return registry;
    }
}
