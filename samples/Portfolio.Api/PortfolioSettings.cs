using System.Globalization;

namespace CoreRegistryClient.Samples.Portfolio;

/// <summary>The sample's command line: <c>--mode off|warn|enforce</c> (the default mode of every endpoint),
/// <c>--port N</c>, <c>--registry-url URL</c>, <c>--help</c>. Everything else comes from configuration
/// (appsettings.json, <c>REGISTRY_*</c> and <c>SchemaEnforcement__Http__*</c> environment variables).</summary>
public sealed record PortfolioSettings
{
    public const int DefaultPort = 5081;

    public const string Usage = """
        Usage: Portfolio.Api [--mode off|warn|enforce] [--port 5081] [--registry-url URL]
          --mode          default validation mode of every endpoint (per-endpoint overrides: SchemaEnforcement:Http:Endpoints)
          --port          port on 127.0.0.1 to listen on (default 5081; 0 picks a free one)
          --registry-url  a schema registry to use instead of the embedded one
        """;

    public string? Mode { get; init; }

    public int Port { get; init; } = DefaultPort;

    public Uri? RegistryUrl { get; init; }

    public bool ShowHelp { get; init; }

    public static bool TryParse(IReadOnlyList<string> args, out PortfolioSettings settings, out string? problem)
    {
        settings = new PortfolioSettings();
        problem = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h" or "-?")
            {
                settings = settings with { ShowHelp = true };
                continue;
            }

            // Configuration-style arguments (--Key=value) are left to the configuration's command-line source.
            if (name.Contains('=', StringComparison.Ordinal)) continue;
            if (i + 1 >= args.Count)
            {
                problem = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--mode" when value.ToUpperInvariant() is "OFF" or "WARN" or "ENFORCE" or "STRICT":
                    settings = settings with { Mode = value.ToLowerInvariant() };
                    break;
                case "--mode":
                    problem = $"--mode must be off, warn or enforce, not '{value}'.";
                    return false;
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535:
                    settings = settings with { Port = port };
                    break;
                case "--port":
                    problem = $"--port must be a number from 0 to 65535, not '{value}'.";
                    return false;
                case "--registry-url" when Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps):
                    settings = settings with { RegistryUrl = url };
                    break;
                case "--registry-url":
                    problem = $"--registry-url must be an absolute http(s) URL, not '{value}'.";
                    return false;
                default:
                    problem = $"Unknown option {name}.";
                    return false;
            }
        }

        return true;
    }
}
