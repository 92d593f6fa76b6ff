using System.Globalization;
using System.Net;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;
using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.AspNetCore.Tests.Policy;

/// <summary>A canary slice of warn-mode requests is validated in enforce mode, chosen by a client key header or at
/// random, and is visible in headers, metrics and logs.</summary>
public class CanaryTests
{
    private static Task<TestApp> CanaryAppAsync(string percent, string? header = "X-Client-Id") => TestApp.WithOrdersAsync(new Dictionary<string, string?>
    {
        ["REGISTRY_ENFORCEMENT"] = "warn",
        ["SchemaEnforcement:Http:CanaryPercent"] = percent,
        ["SchemaEnforcement:Http:CanaryKeyHeader"] = header,
    });

    [Test]
    public async Task Keyed_clients_are_in_or_out_of_the_slice_as_the_sdk_decides_and_the_share_is_near_the_setting()
    {
        await using var app = await CanaryAppAsync("20");
        var rejected = 0;
        const int Clients = 600;
        for (var i = 0; i < Clients; i++)
        {
            var client = "client-" + i.ToString(CultureInfo.InvariantCulture);
            using var response = await app.PostAsync("/orders", Schemas.Invalid, headers: new Dictionary<string, string> { ["X-Client-Id"] = client });
            var inSlice = response.StatusCode == HttpStatusCode.UnprocessableEntity;
            Assert.That(inSlice, Is.EqualTo(CanarySlice.Contains(client, 20)), client);
            if (inSlice) rejected++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(rejected / (double)Clients, Is.InRange(0.14, 0.26));
            Assert.That(app.Metrics.Sum("schema_http_validation", m => m["canary"] == "true"), Is.EqualTo(rejected));
            Assert.That(app.Metrics.Sum("schema_http_validation", m => m["canary"] == "true" && m["mode"] == "enforce"), Is.EqualTo(rejected));
            Assert.That(app.Logs.WithEventId(1101).Count(e => e.Message.EndsWith("canary True", StringComparison.Ordinal)), Is.EqualTo(rejected));
        });
    }

    [Test]
    public async Task The_same_client_always_lands_on_the_same_side()
    {
        await using var app = await CanaryAppAsync("50");
        var statuses = new HashSet<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await app.PostAsync("/orders", Schemas.Invalid, headers: new Dictionary<string, string> { ["X-Client-Id"] = "desk-7" });
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Requests_without_the_key_are_chosen_at_random_near_the_share()
    {
        await using var app = await CanaryAppAsync("30", header: null);
        var canary = 0;
        const int Requests = 800;
        for (var i = 0; i < Requests; i++)
        {
            using var response = await app.PostAsync("/orders", Schemas.Valid);
            if (ValidationHeader.Of(response)?["canary"] == "?1") canary++;
        }

        // Binomial(800, 0.3): sd 1.6 %; ±6 % is beyond 3.5 sd.
        Assert.That(canary / (double)Requests, Is.InRange(0.24, 0.36));
    }

    [Test]
    public async Task The_canary_leaves_enforce_and_off_endpoints_alone()
    {
        await using var app = await TestApp.WithOrdersAsync(new Dictionary<string, string?>
        {
            ["REGISTRY_ENFORCEMENT"] = "off",
            ["SchemaEnforcement:Http:CanaryPercent"] = "100",
        });
        using var response = await app.PostAsync("/orders", Schemas.Invalid);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
