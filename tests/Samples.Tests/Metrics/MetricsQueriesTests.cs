using System.Text.RegularExpressions;
using CoreRegistryClient.Samples.Pipeline;
using CoreRegistryClient.Samples.Tests.Pipeline;
using CoreRegistryClient.Samples.Tests.Store;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.Metrics;

/// <summary>Every query docs/metrics.md quotes for the go-live plans returns data from a real Prometheus scraping
/// the sample it names.</summary>
public partial class MetricsQueriesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>(the plan's query, the SDK-named query, sample) rows of the "Queries the go-live plans quote" table.</summary>
    internal static IReadOnlyList<(string Plan, string Query, string Sample)> DocumentedQueries()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "metrics.md"));
        var start = text.IndexOf("## Queries the go-live plans quote", StringComparison.Ordinal);
        var section = text[start..text.IndexOf("\n## ", start + 3, StringComparison.Ordinal)];
        return [.. Row().Matches(section).Select(m => (m.Groups["plan"].Value, m.Groups["query"].Value, m.Groups["sample"].Value))];
    }

    [Test]
    public void The_table_maps_the_checklists_registry_request_duration_to_the_sdks_name()
    {
        var rows = DocumentedQueries();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.GreaterThanOrEqualTo(8));
            Assert.That(rows.Where(r => r.Plan.Contains("registry_request_duration_seconds", StringComparison.Ordinal)).Select(r => r.Query),
                Has.All.Contains("schema_registry_request_duration_seconds").And.Not.Empty);
            Assert.That(rows.Select(r => r.Plan.Replace("registry_request_duration_seconds", "schema_registry_request_duration_seconds", StringComparison.Ordinal)),
                Is.EqualTo(rows.Select(r => r.Query)), "the two columns differ in that name only");
        });
    }

    [Test]
    public async Task Every_store_query_returns_data_from_a_real_scrape_of_the_store_sample()
    {
        // A drift run every second keeps registry requests (index, schema fetches) flowing, so rates are not zero.
        await using var run = await StoreRun.StartAsync(StoreRun.Bounded(200, 0.1) with { DriftInterval = TimeSpan.FromSeconds(1) });
        await run.WaitForRunAsync();
        await using var prometheus = await PrometheusServer.StartAsync("store", new Uri(run.BaseAddress, "/metrics"));

        Assert.That(await QueriesWithoutDataAsync(prometheus, "store"), Is.Empty);
    }

    [Test]
    public async Task Every_pipeline_query_returns_data_from_a_real_scrape_of_the_pipeline_sample()
    {
        // Readings stay fresh for the whole test (the default --feedback-ttl is 30 s).
        await using var run = await PipelineRun.StartAsync(new PipelineSettings { FeedbackTtl = TimeSpan.FromMinutes(10) });
        await run.PublishAsync(60, 0);
        await run.WaitForProcessedAsync(60);
        await using var prometheus = await PrometheusServer.StartAsync("pipeline-sample", new Uri(run.BaseAddress, "/metrics"));

        Assert.That(await QueriesWithoutDataAsync(prometheus, "pipeline"), Is.Empty);
    }

    private static async Task<List<string>> QueriesWithoutDataAsync(PrometheusServer prometheus, string sample)
    {
        var empty = new List<string>();
        foreach (var (_, query, _) in DocumentedQueries().Where(r => r.Sample == sample))
        {
            if ((await prometheus.WaitForDataAsync(query, Patience)).Count == 0)
            {
                empty.Add(query);
            }
        }

        return empty;
    }

    [GeneratedRegex(@"^\| `(?<plan>[^`]+)` \| `(?<query>[^`]+)` \| (?<sample>store|pipeline) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
