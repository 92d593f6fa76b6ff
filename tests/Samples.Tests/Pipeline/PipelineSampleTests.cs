using System.Net;
using System.Net.Sockets;
using CoreRegistryClient.Redis;
using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Messaging;
using CoreRegistryClient.Samples.Pipeline;
using CoreRegistryClient.Samples.Pipeline.Producing;
using CoreRegistryClient.Samples.Tests.Operations;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.Pipeline;

/// <summary>The pipeline sample end to end on the in-memory bus and the embedded registry.</summary>
public class PipelineSampleTests
{
    private static int InvalidAmongFirst(int count, double share)
    {
        var generator = new FeedbackGenerator(share);
        return Enumerable.Range(0, count).Count(_ => generator.Next().Invalid);
    }

    [Test]
    public async Task Default_run_with_count_finishes_and_warns_about_each_invalid_message()
    {
        var output = new StringWriter();
        var settings = new PipelineSettings { Count = 300, Rate = 2000, InvalidShare = 0.2, Listen = "http://127.0.0.1:0", SummaryInterval = TimeSpan.FromSeconds(1) };
        var exit = await PipelineHost.RunAsync(settings, output, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        var invalid = InvalidAmongFirst(300, 0.2);
        var last = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(output.ToString(), Does.StartWith("pipeline: bus=memory stream=mdp:telemetry.feedback registry=http://127.0.0.1:"));
            Assert.That(last, Does.Match(SummaryPattern(300, 300 - invalid, invalid, 0, 0)));
        });
    }

    [Test]
    public async Task Strict_mode_dead_letters_each_invalid_message_with_its_validation_errors()
    {
        await using var run = await PipelineRun.StartAsync(new PipelineSettings { Mode = "strict" });
        var invalid = await run.PublishAsync(200, 0.25);
        await run.WaitForProcessedAsync(200);

        var letters = await run.Bus.PeekDeadLettersAsync(StreamNames.DeadLetter(run.Settings.FeedbackStream), 1000);
        Assert.Multiple(() =>
        {
            Assert.That((run.Counters.Valid, run.Counters.Warned, run.Counters.DeadLettered), Is.EqualTo((200L - invalid, 0L, (long)invalid)));
            Assert.That(letters, Has.Count.EqualTo(invalid));
            Assert.That(letters.Select(l => l.Reason), Has.All.Contains("telemetry.FeedbackEvent"));
            Assert.That(letters.Select(l => MessageEnvelope.Parse(l.Data).Meta.SchemaId), Has.All.EqualTo("telemetry.FeedbackEvent"));
        });
    }

    [Test]
    public async Task A_message_that_is_not_an_envelope_is_dead_lettered_in_warn_mode_too()
    {
        await using var run = await PipelineRun.StartAsync(new PipelineSettings());
        var id = await run.Bus.PublishAsync(run.Settings.FeedbackStream, "not json"u8.ToArray());
        await run.WaitForProcessedAsync(1);
        var letter = (await run.Bus.PeekDeadLettersAsync(StreamNames.DeadLetter(run.Settings.FeedbackStream), 10)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(letter.OriginalId, Is.EqualTo(id));
            Assert.That(letter.Reason, Does.StartWith("malformed envelope: envelope is not valid JSON"));
            Assert.That(run.Counters.DeadLettered, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Metrics_endpoint_serves_sdk_and_pipeline_series_that_pass_promtool_and_match_the_exported_list()
    {
        await using var run = await PipelineRun.StartAsync(new PipelineSettings());
        var invalid = await run.PublishAsync(120, 0.25);

        // A schema the registry does not have: a cache miss and a registry error, so every family shows.
        var unknown = MessageEnvelope.Create("md.NotInTheRegistry", "{}"u8, key: "k");
        await run.Bus.PublishAsync(run.Settings.FeedbackStream, unknown.ToUtf8Bytes());
        await run.WaitForProcessedAsync(121);
        using var http = new HttpClient { BaseAddress = run.BaseAddress };
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        using var healthJson = System.Text.Json.JsonDocument.Parse(await health.Content.ReadAsStringAsync());

        var scrape = new PrometheusText(text);
        var families = scrape.Families().Where(n => n.StartsWith("schema_", StringComparison.Ordinal) || n.StartsWith("pipeline_", StringComparison.Ordinal)).ToList();
        var (promtoolExit, promtoolOutput) = await Promtool.CheckMetricsAsync(text);
        // Drift families come from the store, HTTP validation families from CoreRegistryClient.AspNetCore (Portfolio.Api's tests scrape those).
        var pipelineFamilies = ExportedMetrics.Counters.Concat(ExportedMetrics.Gauges).Concat(ExportedMetrics.Histograms)
            .Where(n => !n.StartsWith("schema_drift", StringComparison.Ordinal) && !n.StartsWith("schema_http_", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That((promtoolExit, promtoolOutput.Trim()), Is.EqualTo((0, string.Empty)), text);
            Assert.That(families.Where(f => !ExportedMetrics.Counters.Contains(f) && !ExportedMetrics.Gauges.Contains(f) && !ExportedMetrics.Histograms.Contains(f)), Is.Empty, "exported but not in the operations kit's list");
            Assert.That(pipelineFamilies.Where(f => !families.Contains(f)), Is.Empty, "in the list but not exported by the pipeline");
            Assert.That(scrape.Value("schema_validation_total", ("outcome", "failure"), ("schema", "telemetry.FeedbackEvent")), Is.EqualTo(invalid));
            Assert.That(scrape.Value("schema_validation_total", ("outcome", "success"), ("schema", "telemetry.FeedbackEvent")), Is.EqualTo(120 - invalid));
            Assert.That(scrape.Value("pipeline_dead_letter_queue_depth", ("stream", "mdp:telemetry.feedback.dlq")), Is.Not.Null);
            // The KEDA guide's label vocabulary: what its trigger, alerts and dashboard select.
            Assert.That(scrape.Value("pipeline_feedback_queue_depth", ("source", "store_coordinator")), Is.Not.Null);
            Assert.That(scrape.Value("pipeline_backpressure_state", ("provider", "ibkr")), Is.AnyOf(0, 1, 2));
            Assert.That(scrape.Value("pipeline_rate_scale_factor", ("provider", "ibkr")), Is.AnyOf(1.0, 0.5, 0.0));
            Assert.That(scrape.Value("target_info", ("service_name", "pipeline-sample")), Is.EqualTo(1));
            Assert.That(health.IsSuccessStatusCode, Is.True);
            Assert.That(healthJson.RootElement.GetProperty("checks").GetProperty("schema-registry").GetProperty("status").GetString(), Is.AnyOf("healthy", "degraded"));
            Assert.That(healthJson.RootElement.GetProperty("status").GetString(), Is.AnyOf("healthy", "degraded"));
        });
    }

    [Test]
    public async Task A_real_prometheus_scraping_the_sample_answers_the_validation_count()
    {
        await using var run = await PipelineRun.StartAsync(new PipelineSettings());
        await run.PublishAsync(150, 0.2);
        await run.WaitForProcessedAsync(150);
        await using var prometheus = await PrometheusServer.StartAsync("pipeline", new Uri(run.BaseAddress, "/metrics"));
        var value = await prometheus.WaitForValueAsync("sum(schema_validation_total{job=\"pipeline\",schema=\"telemetry.FeedbackEvent\"})", 150, TimeSpan.FromSeconds(90));
        Assert.That(value, Is.EqualTo(150));
    }

    [Test]
    public async Task A_port_already_in_use_is_one_line_saying_how_to_pick_another_and_exit_code_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = new PipelineSettings { Count = 10, Listen = $"http://127.0.0.1:{port}" };

        var exit = await PipelineHost.RunAsync(settings, output, error, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(SampleExitCodes.CannotStart));
            Assert.That(error.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1), error.ToString());
            Assert.That(error.ToString(), Does.Contain($"http://127.0.0.1:{port}").And.Contain("already in use").And.Contain("--port"));
        });
    }

    [Test]
    public async Task An_unreachable_redis_is_retried_with_backoff_then_a_clear_message_and_a_non_zero_exit()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = new PipelineSettings { Bus = "redis", Redis = "127.0.0.1:1", Produce = true, Count = 10, Listen = "http://127.0.0.1:0" };

        var exit = await PipelineHost.RunAsync(settings, output, error, CancellationToken.None, busBackoff: [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)]).WaitAsync(TimeSpan.FromMinutes(2));
        var lines = error.ToString().TrimEnd().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(SampleExitCodes.BusUnavailable));
            Assert.That(lines, Has.Length.EqualTo(3), error.ToString());
            Assert.That(lines[0], Does.StartWith("pipeline: Redis at 127.0.0.1:1 does not answer (attempt 1 of 3"));
            Assert.That(lines[^1], Does.StartWith("pipeline: Redis at 127.0.0.1:1 did not answer after 3 attempts").And.Contain("--redis"));
            Assert.That(output.ToString(), Does.Not.Contain("received="), "nothing ran, so nothing looks like a finished run");
        });
    }

    internal static string SummaryPattern(long received, long valid, long warned, long deadLettered, long dlq, long duplicates = 0, long redelivered = 0) =>
        $"^pipeline: received={received} valid={valid} warned={warned} dead-lettered={deadLettered} duplicates={duplicates} redelivered={redelivered} rate-scale=(1\\.0|0\\.5|0\\.0) backpressure=(ok|soft|hard) dlq={dlq}$";
}
