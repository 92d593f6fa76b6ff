using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Pipeline;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.Pipeline;

public class PipelineCommandTests
{
    private static Task<(int Exit, PipelineSettings? Settings, string Error)> Parse(params string[] args) =>
        CommandLineRun.ParseAsync<PipelineSettings>(PipelineCommand.Create, "pipeline", args);

    public static IEnumerable<string> EveryOption() => CommandLineRun.OptionsTakingValues(PipelineCommand.Create((_, _) => Task.FromResult(0)));

    [Test]
    public async Task No_arguments_give_the_embedded_defaults()
    {
        var (exit, settings, _) = await Parse();
        Assert.That((exit, settings), Is.EqualTo((0, new PipelineSettings { ConsumerName = settings!.ConsumerName })));
        Assert.That((settings.ProducerEnabled, settings.Listen, settings.FeedbackStream, settings.Redis), Is.EqualTo((true, "http://127.0.0.1:9464", "mdp:telemetry.feedback", "localhost:6379")));
    }

    [Test]
    public async Task Redis_options_are_parsed_and_turn_the_producer_off_unless_asked()
    {
        var (_, redis, _) = await Parse("--bus", "redis", "--redis", "cache:6380", "--namespace", "lab", "--mode", "strict");
        var (_, producing, _) = await Parse("--bus", "redis", "--produce");
        var (_, explicitly, _) = await Parse("--bus", "redis", "--produce", "true");
        Assert.Multiple(() =>
        {
            Assert.That((redis!.Redis, redis.FeedbackStream, redis.Mode, redis.ProducerEnabled), Is.EqualTo(("cache:6380", "lab:telemetry.feedback", "strict", false)));
            Assert.That((producing!.ProducerEnabled, explicitly!.ProducerEnabled), Is.EqualTo((true, true)));
        });
    }

    [Test]
    public async Task Count_duration_port_and_fleet_options_are_parsed()
    {
        var (_, settings, _) = await Parse("--count", "500", "--duration", "90s", "--port", "0", "--registry-url", "http://registry.internal/api/v1", "--reclaim-after", "5s", "--feedback-ttl", "1m");
        Assert.That(
            (settings!.Count, settings.Duration, settings.Listen, settings.RegistryUrl, settings.ReclaimAfter, settings.FeedbackTtl),
            Is.EqualTo(((long?)500, (TimeSpan?)TimeSpan.FromSeconds(90), "http://127.0.0.1:0", new Uri("http://registry.internal/api/v1"), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1))));
    }

    [TestCase("--bus", "kafka")]
    [TestCase("--mode", "lenient")]
    [TestCase("--count", "0")]
    [TestCase("--invalid-share", "2")]
    [TestCase("--duration", "soon")]
    [TestCase("--redis", "host:99999")]
    [TestCase("--registry-url", "ftp://x")]
    [TestCase("--port", "99999")]
    [TestCase("--port", "-1")]
    [TestCase("--listen", "not a url")]
    [TestCase("--config-file", "/no/such/file.json")]
    [TestCase("--namespace", "")]
    public async Task Bad_values_are_one_line_usage_errors_and_nothing_runs(string option, string value)
    {
        var (exit, settings, error) = await Parse(option, value);
        Assert.Multiple(() =>
        {
            Assert.That((exit, settings), Is.EqualTo((SampleExitCodes.Usage, (PipelineSettings?)null)));
            Assert.That(error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.StartWith("pipeline: ").And.Contain(option), error);
        });
    }

    [TestCaseSource(nameof(EveryOption))]
    public async Task Every_option_given_a_non_numeric_value_is_accepted_or_refused_in_one_line_without_framework_text(string option)
    {
        var (exit, settings, error) = await Parse(option, "abc");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(SampleExitCodes.Ok).Or.EqualTo(SampleExitCodes.Usage));
            Assert.That(settings is null, Is.EqualTo(exit == SampleExitCodes.Usage));
            Assert.That(error, Does.Not.Contain("System.").And.Not.Contain("Exception").And.Not.Contain("`1").And.Not.Contain("   at "), error);
            Assert.That(error.Length == 0 || error.TrimEnd('\n').Split('\n').Length == 1, Is.True, error);
        });
    }

    [TestCase("30s", 30)]
    [TestCase("1.5m", 90)]
    [TestCase("1h", 3600)]
    [TestCase("00:02:00", 120)]
    public void Durations_accept_suffixes_and_timespans(string text, int seconds)
    {
        Assert.That(CommonSampleOptions.TryParseDuration(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }
}
