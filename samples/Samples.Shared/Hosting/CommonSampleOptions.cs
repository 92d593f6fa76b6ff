using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Hosting;

/// <summary>The command-line options both samples share: same names, parsing and validation; the descriptions
/// and defaults that differ are the caller's.</summary>
public static class CommonSampleOptions
{
    /// <summary><c>--bus memory|redis</c>, default memory.</summary>
    public static Option<string> Bus()
    {
        var bus = new Option<string>("--bus") { Description = "Message bus: memory (default, nothing else needed) or redis.", DefaultValueFactory = _ => "memory" };
        bus.AcceptOnlyFromAmong("memory", "redis");
        return bus;
    }

    /// <summary><c>--redis host[:port]</c>.</summary>
    public static Option<RedisEndpoint> Redis() =>
        new("--redis") { Description = "Redis endpoint host[:port] for --bus redis.", DefaultValueFactory = _ => RedisEndpoint.Default, CustomParser = ParseEndpoint };

    /// <summary><c>--namespace</c> of the streams.</summary>
    public static Option<string> Namespace(string description) =>
        new("--namespace") { Description = description, DefaultValueFactory = _ => Messaging.StreamNames.DefaultNamespace };

    /// <summary><c>--mode off|warn|strict|enforce</c>; null when absent.</summary>
    public static Option<string?> Mode(string description)
    {
        var mode = new Option<string?>("--mode") { Description = description };
        mode.AcceptOnlyFromAmong("off", "warn", "strict", "enforce");
        return mode;
    }

    /// <summary><c>--registry-url</c>, an absolute http(s) URL.</summary>
    public static Option<Uri?> RegistryUrl() =>
        new("--registry-url") { Description = "A real schema registry; default: an embedded one serving samples/schemas.", CustomParser = ParseUri };

    /// <summary><c>--count</c>, at least 1.</summary>
    public static Option<long?> Count(string description)
    {
        var count = new Option<long?>("--count") { Description = description };
        count.Validators.Add(r => { if (r.GetValueOrDefault<long?>() is < 1) { r.AddError("--count must be at least 1."); } });
        return count;
    }

    /// <summary><c>--duration</c>, see <see cref="TryParseDuration"/>.</summary>
    public static Option<TimeSpan?> Duration() =>
        new("--duration") { Description = "Stop after this long, e.g. 30s, 5m or 00:10:00.", CustomParser = ParseDuration };

    /// <summary><c>--invalid-share</c>, between 0 and 1.</summary>
    public static Option<double> InvalidShare(string description, double defaultValue)
    {
        var invalid = new Option<double>("--invalid-share") { Description = description, DefaultValueFactory = _ => defaultValue };
        invalid.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 1) { r.AddError("--invalid-share must be between 0 and 1."); } });
        return invalid;
    }

    /// <summary><c>--rate</c>, at least 1.</summary>
    public static Option<int> Rate(string description, int defaultValue)
    {
        var rate = new Option<int>("--rate") { Description = description, DefaultValueFactory = _ => defaultValue };
        rate.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) { r.AddError("--rate must be at least 1."); } });
        return rate;
    }

    /// <summary>A duration option whose absence or error leaves <paramref name="defaultValue"/>.</summary>
    public static Option<TimeSpan> Interval(string name, string description, TimeSpan defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => ParseDuration(r) ?? defaultValue };

    /// <summary><c>--summary-interval</c>.</summary>
    public static Option<TimeSpan> SummaryInterval(TimeSpan defaultValue) =>
        Interval("--summary-interval", "How often the summary line is printed.", defaultValue);

    /// <summary><c>--config-file</c>, extra JSON settings.</summary>
    public static Option<string?> ConfigFile() =>
        new("--config-file") { Description = "Extra JSON settings, reloaded on change (the mode can be flipped without a restart)." };

    /// <summary><c>--verbose</c>.</summary>
    public static Option<bool> Verbose(string description) => new("--verbose") { Description = description };

    /// <summary>The <c>--listen</c> URL, else <c>http://127.0.0.1:{--port}</c>, else on <paramref name="defaultPort"/>.</summary>
    public static string ListenUrl(ParseResult result, Option<string?> listen, Option<int?> port, int defaultPort)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.GetValue(listen) ?? string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{result.GetValue(port) ?? defaultPort}");
    }

    /// <summary>Reads <c>30s</c>, <c>1.5m</c>, <c>1h</c> or <c>hh:mm:ss</c>; false unless the result is positive.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        if (text.Length > 1 && "smh".Contains(text[^1], StringComparison.Ordinal)
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            value = text[^1] switch { 's' => TimeSpan.FromSeconds(number), 'm' => TimeSpan.FromMinutes(number), _ => TimeSpan.FromHours(number) };
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;
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
}
