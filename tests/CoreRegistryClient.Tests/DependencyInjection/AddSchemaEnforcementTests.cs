using CoreRegistryClient.DependencyInjection;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using CoreRegistryClient.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.Tests.DependencyInjection;

public class AddSchemaEnforcementTests
{
    [Test]
    public void Defaults_are_the_documented_ones()
    {
        var options = Bind([]);
        Assert.Multiple(() =>
        {
            Assert.That(options.Enabled, Is.False);
            Assert.That(options.RegistryUrl, Is.Null);
            Assert.That(options.Token, Is.Null);
            Assert.That(options.Track, Is.Null);
            Assert.That(options.CacheTtl, Is.EqualTo(TimeSpan.FromSeconds(300)));
            Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(options.PreferTrack, Is.EqualTo("v2"));
            Assert.That(options.FallbackTrack, Is.EqualTo("v1"));
            Assert.That(options.Mode, Is.EqualTo(EnforcementMode.Warn));
            Assert.That(options.PollInterval, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(options.OnUnavailable, Is.EqualTo(UnavailableSchemaBehavior.Allow));
            Assert.That(options.RetryInterval, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(options.MaxCachedSchemas, Is.EqualTo(1000));
            Assert.That(options.CriticalSchemas, Is.Empty);
            Assert.That(options.CanaryStrictPercent, Is.Zero);
        });
    }

    [Test]
    public void Environment_variable_keys_bind_every_setting()
    {
        var options = Bind(new()
        {
            ["REGISTRY_ENABLED"] = "true",
            ["REGISTRY_URL"] = "https://registry.internal/api/v1",
            ["REGISTRY_TOKEN"] = "tok",
            ["REGISTRY_TRACK"] = "v1",
            ["REGISTRY_CACHE_TTL"] = "120",
            ["REGISTRY_TIMEOUT"] = "2.5",
            ["SCHEMA_PREFER_TRACK"] = "v3",
            ["SCHEMA_FALLBACK_TRACK"] = "v2",
            ["REGISTRY_ENFORCEMENT"] = "enforce",
            ["REGISTRY_POLL_SECONDS"] = "0",
        });
        Assert.Multiple(() =>
        {
            Assert.That(options.Enabled, Is.True);
            Assert.That(options.RegistryUrl, Is.EqualTo("https://registry.internal/api/v1"));
            Assert.That(options.Token, Is.EqualTo("tok"));
            Assert.That(options.Track, Is.EqualTo("v1"));
            Assert.That(options.CacheTtl, Is.EqualTo(TimeSpan.FromSeconds(120)));
            Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
            Assert.That(options.PreferTrack, Is.EqualTo("v3"));
            Assert.That(options.FallbackTrack, Is.EqualTo("v2"));
            Assert.That(options.Mode, Is.EqualTo(EnforcementMode.Strict));
            Assert.That(options.PollInterval, Is.EqualTo(TimeSpan.Zero));
        });
    }

    [Test]
    public void Section_binds_and_environment_variables_win_over_it()
    {
        var options = Bind(new()
        {
            ["SchemaEnforcement:Enabled"] = "true",
            ["SchemaEnforcement:RegistryUrl"] = "http://section/",
            ["SchemaEnforcement:Mode"] = "strict",
            ["SchemaEnforcement:CacheTtl"] = "00:01:00",
            ["SchemaEnforcement:Overrides:md.BarBatch"] = "off",
            ["SchemaEnforcement:CriticalSchemas:0"] = "telemetry.FeedbackEvent",
            ["SchemaEnforcement:CanaryStrictPercent"] = "12.5",
            ["SchemaEnforcement:OnUnavailable"] = "reject",
            ["SchemaEnforcement:CacheDirectory"] = "/var/cache/schemas",
            ["SchemaEnforcement:MaxCachedSchemas"] = "5",
            ["REGISTRY_ENFORCEMENT"] = "warn",
        });
        Assert.Multiple(() =>
        {
            Assert.That(options.Enabled, Is.True);
            Assert.That(options.RegistryUrl, Is.EqualTo("http://section/"));
            Assert.That(options.Mode, Is.EqualTo(EnforcementMode.Warn), "REGISTRY_ENFORCEMENT (the rollback switch) wins over the section");
            Assert.That(options.CacheTtl, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(options.Overrides["md.BarBatch"], Is.EqualTo(EnforcementMode.Off));
            Assert.That(options.CriticalSchemas, Is.EqualTo(new[] { "telemetry.FeedbackEvent" }));
            Assert.That(options.CanaryStrictPercent, Is.EqualTo(12.5));
            Assert.That(options.OnUnavailable, Is.EqualTo(UnavailableSchemaBehavior.Reject));
            Assert.That(options.CacheDirectory, Is.EqualTo("/var/cache/schemas"));
            Assert.That(options.MaxCachedSchemas, Is.EqualTo(5));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Empty_environment_variables_count_as_unset_and_the_section_applies(string blank)
    {
        var options = Bind(new()
        {
            ["SchemaEnforcement:Enabled"] = "true",
            ["SchemaEnforcement:RegistryUrl"] = "http://section/",
            ["SchemaEnforcement:Token"] = "section-token",
            ["SchemaEnforcement:Mode"] = "strict",
            ["SchemaEnforcement:CacheTtl"] = "60",
            ["REGISTRY_ENABLED"] = blank,
            ["REGISTRY_URL"] = blank,
            ["REGISTRY_TOKEN"] = blank,
            ["REGISTRY_ENFORCEMENT"] = blank,
            ["REGISTRY_CACHE_TTL"] = blank,
        });
        Assert.Multiple(() =>
        {
            Assert.That(options.Enabled, Is.True);
            Assert.That(options.RegistryUrl, Is.EqualTo("http://section/"));
            Assert.That(options.Token, Is.EqualTo("section-token"));
            Assert.That(options.Mode, Is.EqualTo(EnforcementMode.Strict));
            Assert.That(options.CacheTtl, Is.EqualTo(TimeSpan.FromSeconds(60)));
        });
    }

    [Test]
    public void Empty_environment_variables_without_a_section_leave_the_defaults_and_start()
    {
        var options = Bind(new() { ["REGISTRY_ENABLED"] = "", ["REGISTRY_ENFORCEMENT"] = " ", ["REGISTRY_POLL_SECONDS"] = "" });
        var defaults = new SchemaEnforcementOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.Enabled, Is.EqualTo(defaults.Enabled));
            Assert.That(options.Mode, Is.EqualTo(defaults.Mode));
            Assert.That(options.PollInterval, Is.EqualTo(defaults.PollInterval));
        });
    }

    [Test]
    public void Real_environment_variables_flow_through_AddEnvironmentVariables()
    {
        Environment.SetEnvironmentVariable("REGISTRY_ENFORCEMENT", "strict");
        Environment.SetEnvironmentVariable("REGISTRY_CACHE_TTL", "42");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            using var services = new ServiceCollection().AddSchemaEnforcement(configuration).BuildServiceProvider();
            var options = services.GetRequiredService<IOptions<SchemaEnforcementOptions>>().Value;
            Assert.Multiple(() =>
            {
                Assert.That(options.Mode, Is.EqualTo(EnforcementMode.Strict));
                Assert.That(options.CacheTtl, Is.EqualTo(TimeSpan.FromSeconds(42)));
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("REGISTRY_ENFORCEMENT", null);
            Environment.SetEnvironmentVariable("REGISTRY_CACHE_TTL", null);
        }
    }

    [Test]
    public void Enabled_without_url_fails_with_a_clear_message() =>
        Assert.That(Failures(new() { ["REGISTRY_ENABLED"] = "true" }), Has.Some.StartsWith("REGISTRY_URL must be set when REGISTRY_ENABLED=true"));

    [Test]
    public void Unknown_enforcement_mode_fails_with_a_clear_message() =>
        Assert.That(Failures(new() { ["REGISTRY_ENFORCEMENT"] = "block" }), Has.Some.StartsWith("REGISTRY_ENFORCEMENT must be 'off', 'warn' or 'strict'"));

    [Test]
    public void Every_bad_value_is_reported_at_once_naming_its_setting()
    {
        var failures = Failures(new()
        {
            ["REGISTRY_ENABLED"] = "maybe",
            ["REGISTRY_CACHE_TTL"] = "five minutes",
            ["REGISTRY_TIMEOUT"] = "0",
            ["REGISTRY_POLL_SECONDS"] = "-1",
            ["SchemaEnforcement:Overrides:md.BarBatch"] = "loud",
            ["SchemaEnforcement:CanaryStrictPercent"] = "150",
            ["SchemaEnforcement:MaxCachedSchemas"] = "0",
            ["SchemaEnforcement:PreferTrack"] = " ", // a blank SCHEMA_PREFER_TRACK counts as unset; a blank section value is an error
        });
        Assert.Multiple(() =>
        {
            Assert.That(failures, Has.Some.StartsWith("REGISTRY_ENABLED must be 'true' or 'false'"));
            Assert.That(failures, Has.Some.StartsWith("REGISTRY_CACHE_TTL must be a number of seconds"));
            Assert.That(failures, Has.Some.StartsWith("REGISTRY_TIMEOUT must be a positive number of seconds"));
            Assert.That(failures, Has.Some.StartsWith("REGISTRY_POLL_SECONDS must be 0 (no polling) or a positive number of seconds"));
            Assert.That(failures, Has.Some.StartsWith("SchemaEnforcement:Overrides:md.BarBatch must be 'off', 'warn' or 'strict'"));
            Assert.That(failures, Has.Some.StartsWith("SchemaEnforcement:CanaryStrictPercent must be between 0 and 100"));
            Assert.That(failures, Has.Some.StartsWith("SchemaEnforcement:MaxCachedSchemas must be at least 1"));
            Assert.That(failures, Has.Some.StartsWith("SCHEMA_PREFER_TRACK must not be empty"));
        });
    }

    [Test]
    public void Relative_url_is_refused_without_echoing_it() =>
        Assert.That(Failures(new() { ["REGISTRY_ENABLED"] = "true", ["REGISTRY_URL"] = "registry:8080/secret-path" }),
            Has.Some.StartsWith("REGISTRY_URL must be an absolute http:// or https:// URL").And.None.Contains("secret-path"));

    [Test]
    public async Task Host_start_fails_on_invalid_options()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["REGISTRY_ENABLED"] = "true" });
        builder.Services.AddSchemaEnforcement(builder.Configuration).AddSingleton<ISchemaRegistryClient>(new FakeRegistryClient());
        using var host = builder.Build();
        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(failure!.Message, Does.Contain("REGISTRY_URL must be set when REGISTRY_ENABLED=true"));
        await Task.CompletedTask;
    }

    [Test]
    public void Token_never_appears_in_options_text_or_validation_messages()
    {
        const string token = "s3cr3t-token-value";
        var settings = new Dictionary<string, string?>
        {
            ["REGISTRY_ENABLED"] = "true",
            ["REGISTRY_URL"] = "https://svc:hunter2@registry.internal/api/v1",
            ["REGISTRY_TOKEN"] = token,
            ["REGISTRY_ENFORCEMENT"] = "bogus",
        };
        var options = BindUnvalidated(settings);
        var failures = Failures(settings);
        Assert.Multiple(() =>
        {
            Assert.That(options.ToString(), Does.Not.Contain(token).And.Not.Contain("hunter2").And.Contain("Token=***"));
            Assert.That(string.Join("\n", failures), Does.Not.Contain(token).And.Not.Contain("hunter2"));
        });
    }

    [Test]
    public void Registrations_are_not_duplicated_when_called_twice()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddSchemaEnforcement(configuration).AddSchemaEnforcement(configuration);
        Assert.Multiple(() =>
        {
            Assert.That(services.Count(d => d.ServiceType == typeof(ISchemaManager)), Is.EqualTo(1));
            Assert.That(services.Count(d => d.ServiceType == typeof(IHostedService)), Is.EqualTo(3), "preloader, index poller, connection keeper");
            Assert.That(services.Count(d => d.ServiceType == typeof(IValidateOptions<SchemaEnforcementOptions>)), Is.EqualTo(1));
        });
    }

    [Test]
    public void Invalid_reload_keeps_the_last_valid_policy()
    {
        using var harness = SchemaManagerHarness.Create();
        var policy = harness.Get<EnforcementPolicy>();
        try
        {
            harness.Reconfigure("REGISTRY_ENFORCEMENT", "bogus");
        }
        catch (Exception exception) when (exception is OptionsValidationException or AggregateException)
        {
            // IOptionsMonitor surfaces the failed validation to whoever raised the reload; the policy must not change.
        }

        Assert.That(policy.Current.Mode, Is.EqualTo(EnforcementMode.Warn));
        harness.Reconfigure("REGISTRY_ENFORCEMENT", "strict");
        Assert.That(policy.Current.Mode, Is.EqualTo(EnforcementMode.Strict));
    }

    private static SchemaEnforcementOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSchemaEnforcement(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<SchemaEnforcementOptions>>().Value;
    }

    private static SchemaEnforcementOptions BindUnvalidated(Dictionary<string, string?> settings)
    {
        var options = new SchemaEnforcementOptions();
        new SchemaEnforcementConfigurator(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).Configure(options);
        return options;
    }

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> settings)
    {
        var result = new SchemaEnforcementOptionsValidator().Validate(null, BindUnvalidated(settings));
        Assert.That(result.Failed, Is.True, "the options should have been refused");
        return [.. result.Failures!];
    }
}
