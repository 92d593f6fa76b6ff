using System.CommandLine;
using System.Globalization;

namespace CoreRegistryClient.Cli;

/// <summary>The options every command takes: <c>--registry-url</c>, <c>--token</c>, <c>--track</c>, <c>--timeout</c>, <c>--json</c>.</summary>
internal sealed class CommonOptions
{
    public const string UrlVariable = "REGISTRY_URL";
    public const string TokenVariable = "REGISTRY_TOKEN";
    public const string TrackVariable = "REGISTRY_TRACK";
    public const string TimeoutVariable = "REGISTRY_TIMEOUT";
    public const string DefaultTrack = "v1";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly CliContext _context;
    private readonly Dictionary<Command, string> _trackDescriptions = [];

    public CommonOptions(CliContext context)
    {
        _context = context;
        RegistryUrl = new Option<string?>("--registry-url", "--registry")
        {
            Description = $"The registry base URL, with any path prefix such as /api/v1 [default: ${UrlVariable}]",
            Recursive = true,
            HelpName = "url",
        };
        Token = new Option<string?>("--token")
        {
            Description = $"Bearer token for the registry; never printed. Prefer the environment variable, which no process list shows [default: ${TokenVariable}]",
            Recursive = true,
            HelpName = "token",
        };
        Track = new Option<string?>("--track")
        {
            Description = $"Registry track: v1 (stable) or v2 (preview) [default: ${TrackVariable}, else {DefaultTrack}]",
            Recursive = true,
            HelpName = "track",
        };
        Timeout = NumberOptions.Decimal("--timeout", "a number of seconds");
        Timeout.Description = $"Time budget of each registry call in seconds, retries included [default: ${TimeoutVariable}, else 30]";
        Timeout.Recursive = true;
        Timeout.HelpName = "seconds";
        Json = new Option<bool>("--json")
        {
            Description = "Write machine-readable JSON to stdout instead of tables",
            Recursive = true,
        };
    }

    public Option<string?> RegistryUrl { get; }

    public Option<string?> Token { get; }

    public Option<string?> Track { get; }

    public Option<double?> Timeout { get; }

    public Option<bool> Json { get; }

    /// <summary>How <c>--track</c> reads in the help of <paramref name="command"/>: what it defaults to there.</summary>
    public string TrackDescription(Command command) => _trackDescriptions.GetValueOrDefault(command) ?? Track.Description!;

    /// <summary>Says what <c>--track</c> means for one command (e.g. <c>index</c> lists every track without it).</summary>
    public void DescribeTrack(Command command, string description) => _trackDescriptions[command] = description;

    public void AddTo(Command root)
    {
        root.Options.Add(RegistryUrl);
        root.Options.Add(Token);
        root.Options.Add(Track);
        root.Options.Add(Timeout);
        root.Options.Add(Json);
    }

    public bool IsJson(ParseResult parse) => parse.GetValue(Json);

    /// <summary>The track asked for (option, then environment), or <paramref name="fallback"/>.</summary>
    public string ResolveTrack(ParseResult parse, string fallback = DefaultTrack) => RequestedTrack(parse) ?? fallback;

    /// <summary>The track asked for (option, then environment), or null.</summary>
    public string? RequestedTrack(ParseResult parse) =>
        NonEmpty(parse.GetValue(Track)) ?? NonEmpty(_context.GetEnvironmentVariable(TrackVariable));

    /// <summary>The registry settings; <paramref name="fallbackUrl"/> (e.g. from a directory's metadata) is used last.</summary>
    /// <exception cref="UsageException">No URL, a URL that is not absolute http(s), or a bad timeout.</exception>
    public RegistrySettings ResolveRegistry(ParseResult parse, string? fallbackUrl = null)
    {
        var url = NonEmpty(parse.GetValue(RegistryUrl)) ?? NonEmpty(_context.GetEnvironmentVariable(UrlVariable)) ?? NonEmpty(fallbackUrl)
            ?? throw new UsageException($"No registry URL: pass --registry-url or set {UrlVariable}.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"The registry URL '{url}' is not an absolute http or https URL.");
        }

        return new RegistrySettings(uri, ResolveToken(parse), ResolveTimeout(parse));
    }

    /// <summary>The token asked for (option, then environment), or null.</summary>
    public string? ResolveToken(ParseResult parse) => NonEmpty(parse.GetValue(Token)) ?? NonEmpty(_context.GetEnvironmentVariable(TokenVariable));

    private TimeSpan ResolveTimeout(ParseResult parse)
    {
        var seconds = parse.GetValue(Timeout);
        if (seconds is null && NonEmpty(_context.GetEnvironmentVariable(TimeoutVariable)) is { } text)
        {
            seconds = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new UsageException($"{TimeoutVariable} must be a number of seconds, not '{text}'.");
        }

        if (seconds is null)
        {
            return DefaultTimeout;
        }

        return seconds is > 0 and <= 3600
            ? TimeSpan.FromSeconds(seconds.Value)
            : throw new UsageException("--timeout must be between 0 and 3600 seconds.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
