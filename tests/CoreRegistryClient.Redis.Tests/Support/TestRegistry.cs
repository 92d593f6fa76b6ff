using System.Net.Http.Json;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Testing;
using StackExchange.Redis;

namespace CoreRegistryClient.Redis.Tests.Support;

/// <summary>The loopback registry with its publish hook wired to <c>schema.published</c> on a Redis stream, as a real
/// registry emits it; and a publish through its admin API.</summary>
internal static class TestRegistry
{
    public const string Schema = "telemetry.FleetEvent";

    public static string Content(int version) =>
        $$$"""{"type":"object","properties":{"id":{"type":"string"}},"x-version":{{{version}}}}""";

    public static async Task<LoopbackRegistryServer> StartAsync(IDatabaseAsync redis, string ns, bool indexETags = true)
    {
        var stream = SchemaPublishedEvents.StreamName(ns);
        var server = await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions
        {
            IndexETags = indexETags,
            SchemaPublished = (schema, _) => SchemaPublishedEvents.PublishAsync(redis, stream, schema),
        });
        server.Registry.Add("v1", Schema, "1.0.0", Content(1));
        return server;
    }

    /// <summary><c>POST /admin/schemas</c>, as a CI job publishing a schema does.</summary>
    public static Task PublishAsync(LoopbackRegistryServer server, string version, int contentVersion) =>
        PublishAsync(server, Schema, version, contentVersion);

    /// <summary>As <see cref="PublishAsync(LoopbackRegistryServer, string, int)"/>, for another schema name.</summary>
    public static async Task PublishAsync(LoopbackRegistryServer server, string schema, string version, int contentVersion)
    {
        using var http = new HttpClient();
        using var document = System.Text.Json.JsonDocument.Parse(Content(contentVersion));
        var request = new PublishSchemaRequest(schema, "v1", version, document.RootElement.Clone());
        using var response = await http.PostAsJsonAsync(new Uri(server.BaseUri + "/admin/schemas"), request);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
    }
}
