using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Pipeline;
using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Tests.Pipeline;

public class PipelineCommandTests
{
    private static async Task<(int Exit, PipelineSettings? Settings)> Parse(params string[] args)
    {
        PipelineSettings? captured = null;
        var command = PipelineCommand.Create((settings, _) =>
        {
            captured = settings;
            return Task.FromResult(0);
        });
        var exit = await command.Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
        return (exit, captured);
    }

    [Test]
    public async Task No_arguments_give_the_embedded_defaults()
    {
        var (exit, settings) = await Parse();
        Assert.That((exit, settings), Is.EqualTo((0, new PipelineSettings { ConsumerName = settings!.ConsumerName })));
        Assert.That((settings.ProducerEnabled, settings.Listen, settings.FeedbackStream), Is.EqualTo((true, "http://127.0.0.1:9464", "mdp:telemetry.feedback")));
    }

    [Test]
    public async Task Redis_options_are_parsed_and_turn_the_producer_off_unless_asked()
    {
        var (_, redis) = await Parse("--bus", "redis", "--redis", "cache:6380", "--namespace", "lab", "--mode", "strict");
        var (_, producing) = await Parse("--bus", "redis", "--produce", "true");
        Assert.Multiple(() =>
        {
            Assert.That((redis!.Redis, redis.FeedbackStream, redis.Mode, redis.ProducerEnabled), Is.EqualTo((new RedisEndpoint("cache", 6380), "lab:telemetry.feedback", "strict", false)));
            Assert.That(producing!.ProducerEnabled, Is.True);
        });
    }

    [Test]
    public async Task Count_duration_and_port_are_parsed()
    {
        var (_, settings) = await Parse("--count", "500", "--duration", "90s", "--port", "0", "--registry-url", "http://registry.internal/api/v1");
        Assert.That((settings!.Count, settings.Duration, settings.Listen, settings.RegistryUrl), Is.EqualTo(((long?)500, (TimeSpan?)TimeSpan.FromSeconds(90), "http://127.0.0.1:0", new Uri("http://registry.internal/api/v1"))));
    }

    [TestCase("--bus", "kafka")]
    [TestCase("--mode", "lenient")]
    [TestCase("--count", "0")]
    [TestCase("--invalid-share", "2")]
    [TestCase("--duration", "soon")]
    [TestCase("--redis", "host:99999")]
    [TestCase("--registry-url", "ftp://x")]
    public async Task Bad_values_are_usage_errors_and_nothing_runs(string option, string value)
    {
        var (exit, settings) = await Parse(option, value);
        Assert.That((exit, settings), Is.EqualTo((1, (PipelineSettings?)null)));
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
