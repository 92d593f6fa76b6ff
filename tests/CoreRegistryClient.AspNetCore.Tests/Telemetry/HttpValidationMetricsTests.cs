using CoreRegistryClient.AspNetCore.Telemetry;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;

namespace CoreRegistryClient.AspNetCore.Tests.Telemetry;

/// <summary>The four HTTP families: names, bounded labels, error-count buckets, histogram buckets.</summary>
public class HttpValidationMetricsTests
{
    [TestCase(1, "1")]
    [TestCase(2, "2-5")]
    [TestCase(5, "2-5")]
    [TestCase(6, "6-10")]
    [TestCase(10, "6-10")]
    [TestCase(11, "11+")]
    [TestCase(5000, "11+")]
    public void Error_counts_fall_in_exactly_four_buckets(int errors, string bucket) =>
        Assert.That(HttpValidationMetrics.ErrorCountBucket(errors), Is.EqualTo(bucket));

    [Test]
    public void Histogram_buckets_resolve_a_p99_around_50_microseconds_and_around_5_milliseconds()
    {
        var buckets = HttpValidationMetrics.DurationBuckets;
        // A bucket edge within 20 % either side of each target, so histogram_quantile reads it to that precision.
        Assert.Multiple(() =>
        {
            Assert.That(buckets.Count(b => b is >= 0.000_04 and <= 0.000_06), Is.GreaterThanOrEqualTo(3));
            Assert.That(buckets.Count(b => b is >= 0.004 and <= 0.006), Is.GreaterThanOrEqualTo(3));
            Assert.That(buckets, Is.Ordered.Ascending);
        });
    }

    [Test]
    public async Task One_request_of_each_kind_records_the_families_with_the_route_template_as_endpoint()
    {
        await using var app = await TestApp.StartAsync(a => a.MapPost("/accounts/{id}/orders", (string id, Order o) => o).ValidateSchema(Schemas.Order),
            new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "warn" });
        foreach (var (body, _) in new[] { (Schemas.Valid, 0), (Schemas.WithErrors(1), 1), (Schemas.WithErrors(3), 3), (Schemas.WithErrors(7), 7), (Schemas.WithErrors(12), 12) })
        {
            using var response = await app.PostAsync("/accounts/" + Guid.NewGuid() + "/orders", body);
        }

        var validations = app.Metrics.Of("schema_http_validation");
        var errors = app.Metrics.Of("schema_http_validation_errors");
        Assert.Multiple(() =>
        {
            Assert.That(validations.Select(m => m["endpoint"]).Distinct(), Is.EqualTo(new[] { "/accounts/{id}/orders" }));
            Assert.That(validations.Select(m => m["outcome"]), Is.EquivalentTo(new[] { "valid", "invalid", "invalid", "invalid", "invalid" }));
            Assert.That(validations.All(m => m["mode"] == "warn" && m["canary"] == "false"), Is.True);
            Assert.That(errors.Select(m => m["error_count"]), Is.EquivalentTo(new[] { "1", "2-5", "6-10", "11+" }));
            Assert.That(app.Metrics.Of("schema_http_validation_duration"), Has.Count.EqualTo(5));
            Assert.That(app.Metrics.Of("schema_http_validation_duration").All(m => m.Value > 0 && m["endpoint"] == "/accounts/{id}/orders"), Is.True);
            Assert.That(app.Metrics.Sum("schema_http_warn_headers"), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task The_sdk_counts_the_same_validations_on_its_own_families_with_the_same_meter()
    {
        await using var app = await TestApp.WithOrdersAsync();
        using var response = await app.PostAsync("/orders", Schemas.Invalid);
        Assert.Multiple(() =>
        {
            Assert.That(app.Metrics.Sum("schema_validation", m => m["outcome"] == "failure"), Is.EqualTo(1));
            Assert.That(app.Metrics.Sum("schema_enforcement_actions", m => m["action"] == "rejected"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Endpoint_labels_are_bounded_whatever_the_number_of_endpoints()
    {
        var count = HttpValidationMetrics.MaxEndpoints + 20;
        await using var app = await TestApp.StartAsync(a =>
        {
            for (var i = 0; i < count; i++) a.MapPost("/e" + i, (Order o) => o).ValidateSchema(Schemas.Order);
        }, new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "warn" });
        for (var i = 0; i < count; i++)
        {
            using var response = await app.PostAsync("/e" + i, Schemas.Valid);
        }

        var labels = app.Metrics.Of("schema_http_validation").Select(m => m["endpoint"]).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(labels, Has.Count.EqualTo(HttpValidationMetrics.MaxEndpoints + 1));
            Assert.That(labels, Does.Contain(HttpValidationMetrics.OtherEndpoint));
        });
    }
}
