using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Pipeline;

/// <summary>The command line of the pipeline sample.</summary>
internal static class PipelineCommand
{
    public static RootCommand Create(Func<PipelineSettings, CancellationToken, Task<int>> run)
    {
        var bus = new Option<string>("--bus") { Description = "Message bus: memory (default, nothing else needed) or redis.", DefaultValueFactory = _ => "memory" };
        bus.AcceptOnlyFromAmong("memory", "redis");
        var redis = new Option<RedisEndpoint>("--redis") { Description = "Redis endpoint host[:port] for --bus redis.", DefaultValueFactory = _ => RedisEndpoint.Default, CustomParser = ParseEndpoint };
        var ns = new Option<string>("--namespace") { Description = "Stream namespace: streams are {ns}:telemetry.feedback and {ns}:telemetry.feedback.dlq.", DefaultValueFactory = _ => "mdp" };
        var mode = new Option<string?>("--mode") { Description = "Enforcement mode off|warn|strict (default: REGISTRY_ENFORCEMENT, else warn)." };
        mode.AcceptOnlyFromAmong("off", "warn", "strict", "enforce");
        var registryUrl = new Option<Uri?>("--registry-url") { Description = "A real schema registry; default: an embedded one serving samples/schemas.", CustomParser = ParseUri };
        var count = new Option<long?>("--count") { Description = "Stop after receiving this many messages." };
        count.Validators.Add(r => { if (r.GetValueOrDefault<long?>() is < 1) { r.AddError("--count must be at least 1."); } });
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long, e.g. 30s, 5m or 00:10:00.", CustomParser = ParseDuration };
        var produce = new Option<bool?>("--produce") { Description = "Run the synthetic producer (default: only with --bus memory)." };
        var invalid = new Option<double>("--invalid-share") { Description = "Share of synthetic messages made invalid, 0..1.", DefaultValueFactory = _ => 0.1 };
        invalid.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 1) { r.AddError("--invalid-share must be between 0 and 1."); } });
        var rate = new Option<int>("--rate") { Description = "Synthetic messages per second.", DefaultValueFactory = _ => 200 };
        rate.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) { r.AddError("--rate must be at least 1."); } });
        var port = new Option<int?>("--port") { Description = "Serve /metrics and /health on 127.0.0.1:PORT (default 9464; 0 picks a free port)." };
        var listen = new Option<string?>("--listen") { Description = "Full listen URL instead of --port, e.g. http://0.0.0.0:9464 in a container." };
        var summary = new Option<TimeSpan>("--summary-interval") { Description = "How often the summary line is printed.", DefaultValueFactory = _ => TimeSpan.FromSeconds(5), CustomParser = r => ParseDuration(r) ?? TimeSpan.FromSeconds(5) };
        var configFile = new Option<string?>("--config-file") { Description = "Extra JSON settings, reloaded on change (the mode can be flipped without a restart)." };
        var verbose = new Option<bool>("--verbose") { Description = "Log every warn-mode failure and fetch (noisy)." };

        var root = new RootCommand("CoreRegistryClient pipeline sample: consumes telemetry.FeedbackEvent messages, validates each through ISchemaManager, dead-letters rejects and tracks backpressure.")
        {
            bus, redis, ns, mode, registryUrl, count, duration, produce, invalid, rate, port, listen, summary, configFile, verbose,
        };
        root.SetAction((result, cancellationToken) =>
        {
            var settings = new PipelineSettings
            {
                Bus = result.GetValue(bus)!,
                Redis = result.GetValue(redis)!,
                Namespace = result.GetValue(ns)!,
                Mode = result.GetValue(mode),
                RegistryUrl = result.GetValue(registryUrl),
                Count = result.GetValue(count),
                Duration = result.GetValue(duration),
                Produce = result.GetValue(produce),
                InvalidShare = result.GetValue(invalid),
                Rate = result.GetValue(rate),
                Listen = result.GetValue(listen) ?? string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{result.GetValue(port) ?? 9464}"),
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

    internal static TimeSpan? ParseDuration(ArgumentResult result)
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
