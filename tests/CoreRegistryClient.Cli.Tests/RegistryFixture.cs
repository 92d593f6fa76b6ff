using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Cli.Tests;

/// <summary>A loopback registry with a path prefix and an admin token, loaded with two v1 schemas and one v2.</summary>
internal static class RegistryFixture
{
    public const string Token = "s3cr3t-registry-token-value";

    public static async Task<LoopbackRegistryServer> StartAsync()
    {
        var server = await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { PathPrefix = "/api/v1", Token = Token });
        server.Registry
            .Add("v1", "telemetry.FeedbackEvent", "1.1.2", Schemas.FeedbackV1)
            .Add("v1", "md.BarBatch", "2.0.0", Schemas.Bar)
            .Add("v2", "telemetry.FeedbackEvent", "2.0.0", Schemas.FeedbackV1OptionalAdded);
        return server;
    }

    public static string Url(this LoopbackRegistryServer server) => server.BaseUri.ToString();
}
