using System.Text.Json;
using CoreRegistryClient.Drift;
using CoreRegistryClient.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.Tests.Drift;

public sealed class SchemaDriftMonitorTests
{
    private const string Feedback = """{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"level":{"enum":["ok","soft","hard"]}}}""";
    private const string FeedbackNarrowed = """{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"level":{"enum":["ok","soft"]}}}""";

    private SchemaDirectory _schemas = null!;
    private SchemaDirectory _reports = null!;
    private FakeSchemaRegistry _registry = null!;
    private DriftMeters _metrics = null!;
    private MetricCollector<long> _drift = null!;
    private MetricCollector<long> _lastDetected = null!;
    private MetricCollector<long> _events = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _schemas = new SchemaDirectory();
        _reports = new SchemaDirectory();
        _registry = new FakeSchemaRegistry();
        _metrics = new DriftMeters();
        _drift = _metrics.Collect("schema_drift");
        _lastDetected = _metrics.Collect("schema_drift_last_detected_timestamp");
        _events = _metrics.Collect("schema_drift_events");
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void TearDown()
    {
        _schemas.Dispose();
        _reports.Dispose();
        _drift.Dispose();
        _lastDetected.Dispose();
        _events.Dispose();
        _metrics.Dispose();
    }

    private ServiceProvider Services(Action<SchemaDriftMonitorOptions>? configure = null, IDriftEventPublisher? publisher = null)
    {
        var services = new ServiceCollection().AddLogging(); // as a host has
        services.AddSingleton<ISchemaRegistryClient>(_registry);
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(_metrics.Factory);
        if (publisher is not null)
        {
            services.AddSingleton(publisher);
        }

        services.AddSchemaDriftMonitor(o =>
        {
            o.SchemaDirectories.Add(_schemas.Path);
            o.ReportDirectory = _reports.Path;
            o.Repository = "store";
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    private static async Task<(IHostedService Hosted, ISchemaDriftMonitor Monitor)> StartAsync(ServiceProvider services)
    {
        // What a host does at start-up: validate options, then start the hosted services.
        _ = services.GetRequiredService<IOptions<SchemaDriftMonitorOptions>>().Value;
        var hosted = services.GetServices<IHostedService>().OfType<ISchemaDriftMonitor>().Cast<IHostedService>().Single();
        await hosted.StartAsync(CancellationToken.None);
        return (hosted, services.GetRequiredService<ISchemaDriftMonitor>());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private void Drifted()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", FeedbackNarrowed);
        _schemas.WriteMetadata("v1").Write("telemetry.FeedbackEvent", Feedback);
    }

    private string ReportFile => Path.Combine(_reports.Path, "drift_report.json");

    [Test]
    public async Task By_default_it_runs_daily_at_two_in_the_morning_utc_and_not_before()
    {
        Drifted();
        using var services = Services();
        var (hosted, monitor) = await StartAsync(services);

        await WaitUntilAsync(() => monitor.NextRunAt is not null);
        Assert.That(monitor.NextRunAt, Is.EqualTo(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero)));
        _time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(100);
        Assert.That((monitor.Runs, File.Exists(ReportFile)), Is.EqualTo((0L, false)));

        _time.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => monitor.Runs == 1 && monitor.NextRunAt > _time.GetUtcNow());

        Assert.That(monitor.NextRunAt, Is.EqualTo(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero)));
        Assert.That(File.Exists(ReportFile));
        await hosted.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task With_an_interval_and_run_on_start_it_runs_at_start_up_and_after_each_interval()
    {
        Drifted();
        using var services = Services(o => (o.Interval, o.DailyAtUtc, o.RunOnStart) = (TimeSpan.FromMinutes(10), null, true));
        var (hosted, monitor) = await StartAsync(services);

        await WaitUntilAsync(() => monitor.Runs == 1 && monitor.NextRunAt is not null);
        Assert.That(monitor.NextRunAt, Is.EqualTo(_time.GetUtcNow().AddMinutes(10)));
        _time.Advance(TimeSpan.FromMinutes(10));
        await WaitUntilAsync(() => monitor.Runs == 2);
        await hosted.StopAsync(CancellationToken.None);

        Assert.That(monitor.NextRunAt, Is.Null);
    }

    [Test]
    public async Task A_run_writes_the_report_records_the_metrics_publishes_the_event_and_degrades_health()
    {
        Drifted();
        using var services = Services();
        var monitor = services.GetRequiredService<ISchemaDriftMonitor>();

        var reports = await Task.Run(() => monitor.RunNowAsync());

        var written = DriftReportJson.Deserialize(await File.ReadAllBytesAsync(ReportFile));
        var health = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var entry = health.Entries["schema-drift"];
        Assert.Multiple(() =>
        {
            Assert.That(reports.Single().Drifted, Is.EqualTo(1));
            Assert.That(written.Schemas.Single().Status, Is.EqualTo(DriftStatus.Drift));
            Assert.That(_drift.Sum(("repo", "store"), ("track", "v1"), ("schema", "telemetry.FeedbackEvent")), Is.EqualTo(1));
            Assert.That(_lastDetected.Last(("schema", "telemetry.FeedbackEvent")), Is.EqualTo(_time.GetUtcNow().ToUnixTimeSeconds()));
            Assert.That(_registry.Telemetry.Single().EventType, Is.EqualTo("telemetry.schema_drift"));
            Assert.That(entry.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(entry.Description, Does.Contain("telemetry.FeedbackEvent (v1)"));
            Assert.That(entry.Data["drifted"], Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Health_is_healthy_before_the_first_run_and_when_every_schema_is_synced()
    {
        _registry.Add("v1", "telemetry.FeedbackEvent", "1.1.2", Feedback);
        _schemas.WriteMetadata("v1").Write("telemetry.FeedbackEvent", Feedback);
        using var services = Services();
        var health = services.GetRequiredService<HealthCheckService>();

        var before = (await health.CheckHealthAsync()).Entries["schema-drift"];
        await services.GetRequiredService<ISchemaDriftMonitor>().RunNowAsync();
        var after = (await health.CheckHealthAsync()).Entries["schema-drift"];

        Assert.That((before.Status, before.Description, after.Status), Is.EqualTo((HealthStatus.Healthy, "No drift run yet.", HealthStatus.Healthy)));
    }

    [Test]
    public async Task A_failing_event_publisher_changes_neither_the_report_nor_the_metrics()
    {
        Drifted();
        using var services = Services(publisher: new ThrowingPublisher());

        var report = (await services.GetRequiredService<ISchemaDriftMonitor>().RunNowAsync()).Single();

        Assert.Multiple(() =>
        {
            Assert.That(report.Drifted, Is.EqualTo(1));
            Assert.That(File.Exists(ReportFile));
            Assert.That(_events.Sum(("outcome", "failed")), Is.EqualTo(1));
            Assert.That(_registry.Telemetry, Is.Empty, "the registered publisher replaces the registry's");
        });
    }

    [Test]
    public async Task With_events_off_nothing_is_published_but_drift_is_still_counted()
    {
        Drifted();
        using var services = Services(o => o.PublishEvents = false);

        await services.GetRequiredService<ISchemaDriftMonitor>().RunNowAsync();

        Assert.That((_registry.Telemetry.Count, _drift.Sum()), Is.EqualTo((0, 1L)));
    }

    [Test]
    public async Task An_unreachable_registry_still_writes_a_report_and_degrades_health()
    {
        _schemas.WriteMetadata("v1").Write("telemetry.FeedbackEvent", Feedback);
        _registry.IndexFailure = new RegistryException("connection refused", RegistryErrorKind.Network);
        using var services = Services();

        await services.GetRequiredService<ISchemaDriftMonitor>().RunNowAsync();

        using var written = JsonDocument.Parse(await File.ReadAllBytesAsync(ReportFile));
        var entry = (await services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["schema-drift"];
        Assert.That((written.RootElement.GetProperty("registry_available").GetBoolean(), entry.Status), Is.EqualTo((false, HealthStatus.Degraded)));
    }

    [Test]
    public async Task A_directory_without_a_track_is_reported_and_the_others_still_run()
    {
        Drifted();
        using var other = new SchemaDirectory();
        other.Write("telemetry.FeedbackEvent", Feedback);
        using var services = Services(o => o.SchemaDirectories.Insert(0, other.Path));
        var monitor = services.GetRequiredService<ISchemaDriftMonitor>();

        var reports = await monitor.RunNowAsync();

        var entry = (await services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["schema-drift"];
        var name = Path.GetFileName(_schemas.Path);
        Assert.Multiple(() =>
        {
            Assert.That(reports.Single().Track, Is.EqualTo("v1"));
            Assert.That(File.Exists(Path.Combine(_reports.Path, $"drift_report.{name}.json")), "two directories: one report each, named after the directory");
            Assert.That(entry.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(entry.Description, Does.Contain(other.Path));
        });
    }

    [Test]
    public async Task Runs_started_from_many_threads_at_once_run_one_at_a_time_and_all_complete()
    {
        Drifted();
        using var services = Services();
        var monitor = services.GetRequiredService<ISchemaDriftMonitor>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => monitor.RunNowAsync())));

        Assert.That((monitor.Runs, _drift.Sum()), Is.EqualTo((8L, 8L)));
    }

    [Test]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SchemaDirectories:0"] = "schemas/v1",
            ["SchemaDirectories:1"] = "schemas/v2",
            ["ReportDirectory"] = "out",
            ["DailyAtUtc"] = "03:30",
            ["Interval"] = "00:15:00",
            ["PublishEvents"] = "false",
            ["Repository"] = "store",
        }).Build();
        using var services = new ServiceCollection().AddSchemaDriftMonitor(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<SchemaDriftMonitorOptions>>().Value;

        Assert.That(
            (string.Join(",", options.SchemaDirectories), options.ReportDirectory, options.DailyAtUtc, options.Interval, options.PublishEvents, options.Repository),
            Is.EqualTo(("schemas/v1,schemas/v2", "out", (TimeOnly?)new TimeOnly(3, 30), (TimeSpan?)TimeSpan.FromMinutes(15), false, "store")));
    }

    [TestCase(null, "SchemaDirectories needs at least one")]
    [TestCase("no-schedule", "needs a schedule")]
    [TestCase("short-interval", "must be at least 00:00:01")]
    [TestCase("no-report-directory", "ReportDirectory is empty")]
    public void Options_that_could_never_run_fail_at_start_up(string? problem, string message)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISchemaRegistryClient>(_registry);
        services.AddSchemaDriftMonitor(o =>
        {
            if (problem is not null)
            {
                o.SchemaDirectories.Add(_schemas.Path);
            }

            switch (problem)
            {
                case "no-schedule": (o.DailyAtUtc, o.Interval) = (null, null); break;
                case "short-interval": o.Interval = TimeSpan.FromMilliseconds(10); break;
                case "no-report-directory": o.ReportDirectory = " "; break;
            }
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<SchemaDriftMonitorOptions>>().Value);
        Assert.That(error!.Message, Does.Contain(message));
    }

    [Test]
    public void Adding_it_twice_registers_one_monitor_and_one_health_check()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<ISchemaRegistryClient>(_registry);
        services.AddSchemaDriftMonitor(o => o.SchemaDirectories.Add("a"));
        services.AddSchemaDriftMonitor(o => o.SchemaDirectories.Add("b"));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IHostedService>().OfType<ISchemaDriftMonitor>().Count(), Is.EqualTo(1));
        Assert.That(provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Count(r => r.Name == "schema-drift"), Is.EqualTo(1));
    }

    private sealed class ThrowingPublisher : IDriftEventPublisher
    {
        public Task PublishAsync(SchemaDriftEvent driftEvent, CancellationToken cancellationToken = default) => throw new IOException("bus down");
    }
}
