using System.Globalization;
using CoreRegistryClient.Enforcement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.AspNetCore.Policy;

/// <summary>Reads <see cref="HttpValidationOptions"/> from <c>SchemaEnforcement:Http</c>. Hand-parsed like the SDK's
/// options, so a typo gets "must be 'off', 'warn' or 'enforce'" naming the key rather than a binder exception, and
/// <c>enforce</c> is accepted.</summary>
internal sealed class HttpValidationConfigurator(IConfiguration configuration) : IConfigureOptions<HttpValidationOptions>
{
    private const string ModeMessage = "must be 'off', 'warn' or 'enforce' ('strict' is accepted for 'enforce')";

    public void Configure(HttpValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = configuration.GetSection(HttpValidationOptions.SectionName);
        var errors = options.ConfigurationErrors;
        if (Mode(section, "Mode", errors) is { } mode) options.Mode = mode;
        if (Mode(section, "MaxMode", errors) is { } max) options.MaxMode = max;
        if (Percent(section, "CanaryPercent", errors) is { } canary) options.CanaryPercent = canary;
        if (section["CanaryKeyHeader"] is { } header) options.CanaryKeyHeader = string.IsNullOrWhiteSpace(header) ? null : header.Trim();
        if (Bytes(section, "MaxBodySize", errors) is { } size) options.MaxBodySize = size;
        if (section["MaxErrors"] is { } maxErrors)
        {
            if (int.TryParse(maxErrors, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) options.MaxErrors = value;
            else errors.Add($"{section.Path}:MaxErrors must be a whole number.");
        }

        foreach (var endpoint in section.GetSection("Endpoints").GetChildren())
        {
            if (!options.Endpoints.TryGetValue(endpoint.Key, out var settings)) options.Endpoints[endpoint.Key] = settings = new HttpEndpointValidationOptions();
            // "Endpoints:/allocations=warn" is the short form of "Endpoints:/allocations:Mode=warn".
            if (endpoint.Value is not null)
            {
                if (EnforcementModeParser.TryParse(endpoint.Value, out var shortMode)) settings.Mode = shortMode;
                else errors.Add($"{endpoint.Path} {ModeMessage}.");
            }

            if (Mode(endpoint, "Mode", errors) is { } endpointMode) settings.Mode = endpointMode;
            if (Percent(endpoint, "CanaryPercent", errors) is { } endpointCanary) settings.CanaryPercent = endpointCanary;
            if (Bytes(endpoint, "MaxBodySize", errors) is { } endpointSize) settings.MaxBodySize = endpointSize;
        }

        foreach (var schema in section.GetSection("Deprecations").GetChildren())
        {
            if (!options.Deprecations.TryGetValue(schema.Key, out var deprecation)) options.Deprecations[schema.Key] = deprecation = new SchemaDeprecationOptions();
            if (Date(schema, "Date", errors) is { } date) deprecation.Date = date;
            if (Date(schema, "Sunset", errors) is { } sunset) deprecation.Sunset = sunset;
            if (schema["Link"] is { } link)
            {
                if (Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)) deprecation.Link = uri;
                else errors.Add($"{schema.Path}:Link must be an absolute http(s) URL.");
            }
        }
    }

    private static EnforcementMode? Mode(IConfigurationSection section, string key, List<string> errors)
    {
        if (section[key] is not { } text) return null;
        if (EnforcementModeParser.TryParse(text, out var mode)) return mode;
        errors.Add($"{section.Path}:{key} {ModeMessage}.");
        return null;
    }

    private static double? Percent(IConfigurationSection section, string key, List<string> errors)
    {
        if (section[key] is not { } text) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100) return value;
        errors.Add($"{section.Path}:{key} must be a number between 0 and 100.");
        return null;
    }

    private static long? Bytes(IConfigurationSection section, string key, List<string> errors)
    {
        if (section[key] is not { } text) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0) return value;
        errors.Add($"{section.Path}:{key} must be a positive number of bytes.");
        return null;
    }

    private static DateTimeOffset? Date(IConfigurationSection section, string key, List<string> errors)
    {
        if (section[key] is not { } text) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
        errors.Add($"{section.Path}:{key} must be a date (ISO 8601, e.g. 2026-06-30T00:00:00Z).");
        return null;
    }
}
