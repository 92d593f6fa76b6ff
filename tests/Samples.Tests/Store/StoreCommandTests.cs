using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Store;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.Store;

public class StoreCommandTests
{
    private static async Task<(int Exit, StoreSettings? Settings)> Parse(params string[] args)
    {
        var (exit, settings, _) = await CommandLineRun.ParseAsync<StoreSettings>(StoreCommand.Create, "store", args);
        return (exit, settings);
    }

    public static IEnumerable<string> EveryOption() => CommandLineRun.OptionsTakingValues(StoreCommand.Create((_, _) => Task.FromResult(0)));

    [TestCaseSource(nameof(EveryOption))]
    public async Task Every_option_given_a_non_numeric_value_is_accepted_or_refused_in_one_line_without_framework_text(string option)
    {
        var (exit, settings, error) = await CommandLineRun.ParseAsync<StoreSettings>(StoreCommand.Create, "store", option, "abc");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(SampleExitCodes.Ok).Or.EqualTo(SampleExitCodes.Usage));
            Assert.That(settings is null, Is.EqualTo(exit == SampleExitCodes.Usage));
            Assert.That(error, Does.Not.Contain("System.").And.Not.Contain("Exception").And.Not.Contain("`1").And.Not.Contain("   at "), error);
            Assert.That(error.Length == 0 || error.TrimEnd('\n').Split('\n').Length == 1, Is.True, error);
        });
    }

    [Test]
    public async Task No_arguments_give_the_embedded_defaults_beside_the_pipelines_port()
    {
        var (exit, settings) = await Parse();
        Assert.That((exit, settings), Is.EqualTo((0, new StoreSettings())));
        Assert.That(
            (settings!.Listen, settings.FeedbackStream, settings.DriftStream, settings.Fixtures, settings.Mode, settings.Count, settings.Repository),
            Is.EqualTo(("http://127.0.0.1:9465", "mdp:telemetry.feedback", "mdp:telemetry.schema_drift", Path.Combine(AppContext.BaseDirectory, "fixtures"), (string?)null, (long?)null, "store-sample")));
    }

    [Test]
    public async Task Bus_and_registry_options_are_parsed()
    {
        var (_, settings) = await Parse("--bus", "redis", "--redis", "cache:6380", "--namespace", "lab", "--mode", "warn", "--registry-url", "http://registry.internal/api/v1");
        Assert.That(
            (settings!.Bus, settings.Redis, settings.FeedbackStream, settings.DriftStream, settings.Mode, settings.RegistryUrl),
            Is.EqualTo(("redis", "cache:6380", "lab:telemetry.feedback", "lab:telemetry.schema_drift", "warn", new Uri("http://registry.internal/api/v1"))));
    }

    [Test]
    public async Task Run_limits_drift_and_listen_options_are_parsed()
    {
        var (_, settings) = await Parse("--count", "500", "--keep-serving", "--duration", "90s", "--drift-interval", "5m", "--fixtures", "some/dir", "--repo", "store-eu", "--port", "0", "--rate", "7", "--invalid-share", "0.5");
        Assert.That(
            (settings!.Count, settings.KeepServing, settings.Duration, settings.DriftInterval, settings.Fixtures, settings.Repository, settings.Listen, settings.Rate, settings.InvalidShare),
            Is.EqualTo(((long?)500, true, (TimeSpan?)TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(5), Path.GetFullPath("some/dir"), "store-eu", "http://127.0.0.1:0", 7, 0.5)));
    }

    [Test]
    public async Task Listen_wins_over_port()
    {
        var (_, settings) = await Parse("--port", "1234", "--listen", "http://0.0.0.0:9465");
        Assert.That(settings!.Listen, Is.EqualTo("http://0.0.0.0:9465"));
    }

    [TestCase("--bus", "kafka")]
    [TestCase("--mode", "lenient")]
    [TestCase("--count", "0")]
    [TestCase("--rate", "0")]
    [TestCase("--invalid-share", "1.5")]
    [TestCase("--duration", "soon")]
    [TestCase("--drift-interval", "0s")]
    [TestCase("--port", "70000")]
    [TestCase("--redis", "host:99999")]
    [TestCase("--registry-url", "ftp://x")]
    [TestCase("--port", "abc")]
    [TestCase("--rate", "abc")]
    [TestCase("--invalid-share", "abc")]
    [TestCase("--keep-serving", "maybe")]
    [TestCase("--repo", "")]
    public async Task Bad_values_are_usage_errors_and_nothing_runs(string option, string value)
    {
        var (exit, settings) = await Parse(option, value);
        Assert.That((exit, settings), Is.EqualTo((1, (StoreSettings?)null)));
    }

    [TestCase("30s", 30)]
    [TestCase("0.5s", 0.5)]
    [TestCase("1.5m", 90)]
    [TestCase("1h", 3600)]
    [TestCase("00:02:00", 120)]
    public void Durations_accept_suffixes_and_timespans(string text, double seconds)
    {
        Assert.That(CommonSampleOptions.TryParseDuration(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("")]
    [TestCase("0s")]
    [TestCase("-00:01:00")]
    [TestCase("ten seconds")]
    public void Durations_that_are_not_positive_are_refused(string text) =>
        Assert.That(CommonSampleOptions.TryParseDuration(text, out _), Is.False);

    private static async Task<(int Exit, StoreSettings? Settings, string Error)> ParseWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        await CommandLineRun.ParseAsync<StoreSettings>(run => StoreCommand.Create(run, name => environment.GetValueOrDefault(name)), "store", args);

    [TestCase("false", false)]
    [TestCase("0", false)]
    [TestCase("TRUE", true)]
    public async Task PULSE_ENABLED_decides_whether_drift_events_are_published(string value, bool expected)
    {
        var (exit, settings, _) = await ParseWithEnvironment(new Dictionary<string, string> { ["PULSE_ENABLED"] = value });
        Assert.That((exit, settings?.PulseEnabled), Is.EqualTo((0, (bool?)expected)));
    }

    [Test]
    public async Task The_pulse_flag_wins_over_PULSE_ENABLED()
    {
        var (exit, settings, _) = await ParseWithEnvironment(new Dictionary<string, string> { ["PULSE_ENABLED"] = "false" }, "--pulse");
        Assert.That((exit, settings?.PulseEnabled), Is.EqualTo((0, (bool?)true)));
    }

    [TestCase("inmem", "memory")]
    [TestCase("redis", "redis")]
    public async Task EVENT_BUS_BACKEND_picks_the_bus_unless_bus_is_given(string value, string expected)
    {
        var environment = new Dictionary<string, string> { ["EVENT_BUS_BACKEND"] = value };
        var (exit, settings, _) = await ParseWithEnvironment(environment);
        var (flagExit, flagSettings, _) = await ParseWithEnvironment(environment, "--bus", "memory");
        Assert.That((exit, settings?.Bus, flagExit, flagSettings?.Bus), Is.EqualTo((0, expected, 0, "memory")));
    }

    [TestCase("PULSE_ENABLED", "maybe", "PULSE_ENABLED=maybe is not true or false.")]
    [TestCase("EVENT_BUS_BACKEND", "kafka", "EVENT_BUS_BACKEND=kafka is not inmem or redis.")]
    public async Task An_undocumented_switch_value_is_a_one_line_usage_error(string variable, string value, string message)
    {
        var (exit, settings, error) = await ParseWithEnvironment(new Dictionary<string, string> { [variable] = value });
        Assert.That((exit, settings, error.Trim()), Is.EqualTo((SampleExitCodes.Usage, (StoreSettings?)null, $"store: {message} (--help lists the options)")));
    }
}
