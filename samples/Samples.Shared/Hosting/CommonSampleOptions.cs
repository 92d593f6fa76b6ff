using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CoreRegistryClient.Samples.Messaging;

namespace CoreRegistryClient.Samples.Hosting;

/// <summary>The command-line options both samples share: same names, parsing and validation; the descriptions
/// and defaults that differ are the caller's.</summary>
/// <remarks>Every option that takes a value parses it here, so a bad value is a one-line usage error naming the
/// option and what it accepts, never a conversion exception or a .NET type name.</remarks>
internal static class CommonSampleOptions
{
    /// <summary><c>--bus memory|redis</c>, default memory.</summary>
    public static Option<string> Bus() =>
        new("--bus") { Description = "Message bus: memory (default, nothing else needed) or redis.", DefaultValueFactory = _ => "memory", CustomParser = r => OneOf(r, "memory", "redis") ?? "memory" };

    /// <summary><c>--redis</c>: a StackExchange.Redis configuration string.</summary>
    public static Option<string> Redis() =>
        new("--redis") { Description = "Redis for --bus redis: host[:port], or a StackExchange.Redis configuration such as redis:6379,password=...,ssl=true.", DefaultValueFactory = _ => RedisConfiguration.Default, CustomParser = ParseRedis };

    /// <summary><c>--namespace</c> of the streams.</summary>
    public static Option<string> Namespace(string description) =>
        new("--namespace") { Description = description, DefaultValueFactory = _ => StreamNames.DefaultNamespace, CustomParser = r => Name(r) ?? StreamNames.DefaultNamespace };

    /// <summary><c>--mode off|warn|strict|enforce</c>; null when absent.</summary>
    public static Option<string?> Mode(string description) =>
        new("--mode") { Description = description, CustomParser = r => OneOf(r, "off", "warn", "strict", "enforce") };

    /// <summary><c>--registry-url</c>, an absolute http(s) URL.</summary>
    public static Option<Uri?> RegistryUrl() =>
        new("--registry-url") { Description = "A real schema registry; default: an embedded one serving samples/schemas.", CustomParser = ParseHttpUrl };

    /// <summary><c>--count</c>, at least 1.</summary>
    public static Option<long?> Count(string description) =>
        new("--count") { Description = description, CustomParser = r => Whole(r, 1, long.MaxValue) };

    /// <summary><c>--duration</c>, see <see cref="TryParseDuration"/>.</summary>
    public static Option<TimeSpan?> Duration() =>
        new("--duration") { Description = "Stop after this long, e.g. 30s, 5m or 00:10:00.", CustomParser = ParseDuration };

    /// <summary><c>--invalid-share</c>, between 0 and 1.</summary>
    public static Option<double> InvalidShare(string description, double defaultValue) =>
        new("--invalid-share") { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => Fraction(r) ?? defaultValue };

    /// <summary><c>--rate</c>, at least 1.</summary>
    public static Option<int> Rate(string description, int defaultValue) =>
        new("--rate") { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => (int)(Whole(r, 1, int.MaxValue) ?? defaultValue) };

    /// <summary><c>--port</c>, 0 (a free port) to 65535.</summary>
    public static Option<int?> Port(string description) =>
        new("--port") { Description = description, CustomParser = r => (int?)Whole(r, 0, 65535, " (0 picks a free port)") };

    /// <summary><c>--listen</c>, an absolute http(s) URL.</summary>
    public static Option<string?> Listen(string description) =>
        new("--listen") { Description = description, CustomParser = r => ParseHttpUrl(r)?.ToString().TrimEnd('/') };

    /// <summary>A duration option whose absence leaves <paramref name="defaultValue"/>.</summary>
    public static Option<TimeSpan> Interval(string name, string description, TimeSpan defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => ParseDuration(r) ?? defaultValue };

    /// <summary><c>--summary-interval</c>.</summary>
    public static Option<TimeSpan> SummaryInterval(TimeSpan defaultValue) =>
        Interval("--summary-interval", "How often the summary line is printed.", defaultValue);

    /// <summary><c>--config-file</c>, extra JSON settings; the file must exist.</summary>
    public static Option<string?> ConfigFile() =>
        new("--config-file") { Description = "Extra JSON settings, reloaded on change (the mode can be flipped without a restart).", CustomParser = ParseExistingFile };

    /// <summary>A switch: given alone it is on; <c>true</c>/<c>false</c> may follow.</summary>
    public static Option<bool> Switch(string name, string description) =>
        new(name) { Description = description, CustomParser = r => Flag(r) ?? true };

    /// <summary>A switch whose absence is null (the sample decides).</summary>
    public static Option<bool?> OptionalSwitch(string name, string description) =>
        new(name) { Description = description, CustomParser = Flag };

    /// <summary>A non-empty name without whitespace (a repo, a namespace).</summary>
    public static Option<string> Text(string name, string description, string defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => Name(r) ?? defaultValue };

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
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 && double.IsFinite(number))
        {
            try
            {
                value = text[^1] switch { 's' => TimeSpan.FromSeconds(number), 'm' => TimeSpan.FromMinutes(number), _ => TimeSpan.FromHours(number) };
                return true;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;
    }

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : "the value";

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;

    private static string? OneOf(ArgumentResult result, params string[] choices)
    {
        var text = Token(result);
        if (choices.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        result.AddError($"{OptionName(result)} must be one of {string.Join(", ", choices)}, not '{text}'.");
        return null;
    }

    private static long? Whole(ArgumentResult result, long min, long max, string note = "")
    {
        var text = Token(result).Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var range = max == long.MaxValue || max == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"a whole number of at least {min}")
            : string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}");
        result.AddError($"{OptionName(result)} must be {range}{note}, not '{text}'.");
        return null;
    }

    private static double? Fraction(ArgumentResult result)
    {
        var text = Token(result).Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
        {
            return value;
        }

        result.AddError($"{OptionName(result)} must be a number from 0 to 1, such as 0.1, not '{text}'.");
        return null;
    }

    private static bool? Flag(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return true;
        }

        var text = Token(result);
        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"{OptionName(result)} takes no value, or true or false, not '{text}'.");
        return null;
    }

    private static string? Name(ArgumentResult result)
    {
        var text = Token(result);
        if (text.Length > 0 && !text.Any(char.IsWhiteSpace))
        {
            return text;
        }

        result.AddError($"{OptionName(result)} must be a non-empty name without spaces, not '{text}'.");
        return null;
    }

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var text = Token(result).Trim();
        if (TryParseDuration(text, out var value))
        {
            return value;
        }

        result.AddError($"{OptionName(result)} must be a duration such as 30s, 5m, 1h or hh:mm:ss, not '{text}'.");
        return null;
    }

    private static string ParseRedis(ArgumentResult result)
    {
        var text = Token(result);
        try
        {
            _ = RedisConfiguration.Parse(text);
            return text;
        }
        catch (FormatException e)
        {
            result.AddError($"{OptionName(result)}: {e.Message}");
            return RedisConfiguration.Default;
        }
    }

    private static Uri? ParseHttpUrl(ArgumentResult result)
    {
        var text = Token(result);
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"{OptionName(result)} must be an absolute http(s) URL, not '{text}'.");
        return null;
    }

    private static string? ParseExistingFile(ArgumentResult result)
    {
        var text = Token(result);
        if (text.Length > 0 && File.Exists(text))
        {
            return text;
        }

        result.AddError($"{OptionName(result)}: the file '{text}' does not exist.");
        return null;
    }
}
