using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Store;

/// <summary>The command line of the store sample. Options shared with the pipeline sample have the same names,
/// defaults and meaning.</summary>
internal static class StoreCommand
{
    public static RootCommand Create(Func<StoreSettings, CancellationToken, Task<int>> run)
    {
        var defaults = new StoreSettings();
        var bus = new Option<string>("--bus") { Description = "Message bus: memory (default, nothing else needed) or redis.", DefaultValueFactory = _ => defaults.Bus };
        bus.AcceptOnlyFromAmong("memory", "redis");
        var redis = new Option<RedisEndpoint>("--redis") { Description = "Redis endpoint host[:port] for --bus redis.", DefaultValueFactory = _ => defaults.Redis, CustomParser = ParseEndpoint };
        var ns = new Option<string>("--namespace") { Description = "Stream namespace: events go to {ns}:telemetry.feedback and {ns}:telemetry.schema_drift.", DefaultValueFactory = _ => defaults.Namespace };
        var mode = new Option<string?>("--mode") { Description = "Enforcement mode off|warn|strict (default: REGISTRY_ENFORCEMENT, else strict: invalid events are withheld)." };
        mode.AcceptOnlyFromAmong("off", "warn", "strict", "enforce");
        var registryUrl = new Option<Uri?>("--registry-url") { Description = "A real schema registry; default: an embedded one serving samples/schemas.", CustomParser = ParseUri };
        var count = new Option<long?>("--count") { Description = "Stop after producing this many FeedbackEvents (and at least one drift run)." };
        count.Validators.Add(r => { if (r.GetValueOrDefault<long?>() is < 1) { r.AddError("--count must be at least 1."); } });
        var keepServing = new Option<bool>("--keep-serving") { Description = "After --count, keep serving /metrics and /health (drift checks go on) until --duration or Ctrl+C." };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long, e.g. 30s, 5m or 00:10:00.", CustomParser = ParseDuration };
        var invalid = new Option<double>("--invalid-share") { Description = "Share of FeedbackEvents a simulated buggy coordinator breaks, 0..1.", DefaultValueFactory = _ => defaults.InvalidShare };
        invalid.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 1) { r.AddError("--invalid-share must be between 0 and 1."); } });
        var rate = new Option<int>("--rate") { Description = "FeedbackEvents per second over all coordinators.", DefaultValueFactory = _ => defaults.Rate };
        rate.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) { r.AddError("--rate must be at least 1."); } });
        var fixtures = new Option<string>("--fixtures") { Description = "Local schema copies to check for drift: a folder with _metadata.json, or a folder of such folders.", DefaultValueFactory = _ => defaults.Fixtures };
        var driftInterval = new Option<TimeSpan>("--drift-interval") { Description = "How often the drift reporter runs (first run at start-up).", DefaultValueFactory = _ => defaults.DriftInterval, CustomParser = r => ParseDuration(r) ?? defaults.DriftInterval };
        var repo = new Option<string>("--repo") { Description = "The repo label of drift events and metrics.", DefaultValueFactory = _ => defaults.Repository };
        var port = new Option<int?>("--port") { Description = $"Serve /metrics and /health on 127.0.0.1:PORT (default {StoreSettings.DefaultPort}; 0 picks a free port)." };
        port.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 0 or > 65535) { r.AddError("--port must be between 0 and 65535."); } });
        var listen = new Option<string?>("--listen") { Description = "Full listen URL instead of --port, e.g. http://0.0.0.0:9465 in a container." };
        var summary = new Option<TimeSpan>("--summary-interval") { Description = "How often the summary line is printed.", DefaultValueFactory = _ => defaults.SummaryInterval, CustomParser = r => ParseDuration(r) ?? defaults.SummaryInterval };
        var configFile = new Option<string?>("--config-file") { Description = "Extra JSON settings, reloaded on change (the mode can be flipped without a restart)." };
        var verbose = new Option<bool>("--verbose") { Description = "Log every validation failure and fetch (noisy)." };

        var root = new RootCommand("CoreRegistryClient store sample: publishes telemetry.FeedbackEvent messages validated through ISchemaManager, and reports drift of its local schema copies as telemetry.schema_drift events.")
        {
            bus, redis, ns, mode, registryUrl, count, keepServing, duration, invalid, rate, fixtures, driftInterval, repo, port, listen, summary, configFile, verbose,
        };
        root.SetAction((result, cancellationToken) =>
        {
            var settings = new StoreSettings
            {
                Bus = result.GetValue(bus)!,
                Redis = result.GetValue(redis)!,
                Namespace = result.GetValue(ns)!,
                Mode = result.GetValue(mode),
                RegistryUrl = result.GetValue(registryUrl),
                Count = result.GetValue(count),
                KeepServing = result.GetValue(keepServing),
                Duration = result.GetValue(duration),
                InvalidShare = result.GetValue(invalid),
                Rate = result.GetValue(rate),
                Fixtures = Path.GetFullPath(result.GetValue(fixtures)!),
                DriftInterval = result.GetValue(driftInterval),
                Repository = result.GetValue(repo)!,
                Listen = result.GetValue(listen) ?? string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{result.GetValue(port) ?? StoreSettings.DefaultPort}"),
                SummaryInterval = result.GetValue(summary),
                ConfigFile = result.GetValue(configFile),
                Verbose = result.GetValue(verbose),
            };
            return run(settings, cancellationToken);
        });
        return root;
    }

    private static RedisEndpoint ParseEndpoint(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        try
        {
            return RedisEndpoint.Parse(text);
        }
        catch (FormatException e)
        {
            result.AddError(e.Message);
            return RedisEndpoint.Default;
        }
    }

    private static Uri? ParseUri(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"--registry-url '{text}' is not an absolute http(s) URL.");
        return null;
    }

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : string.Empty;
        if (TryParseDuration(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a duration: use 30s, 5m, 1h or hh:mm:ss.");
        return null;
    }

    internal static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        if (text.Length > 1 && "smh".Contains(text[^1], StringComparison.Ordinal)
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            value = text[^1] switch { 's' => TimeSpan.FromSeconds(number), 'm' => TimeSpan.FromMinutes(number), _ => TimeSpan.FromHours(number) };
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;
    }
}
