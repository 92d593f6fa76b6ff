using System.Globalization;
using CoreRegistryClient.Enforcement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.DependencyInjection;

/// <summary>Reads <see cref="SchemaEnforcementOptions"/> from the <c>SchemaEnforcement</c> section and the
/// <c>REGISTRY_*</c>/<c>SCHEMA_*</c> root keys (environment variables win over the section).</summary>
/// <remarks>Hand-parsed rather than bound: the binder would throw an opaque conversion error for
/// <c>enforce</c> or a typo, where operators need "REGISTRY_ENFORCEMENT must be 'off', 'warn' or 'strict'".
/// Unparseable values are collected into <see cref="SchemaEnforcementOptions.ConfigurationErrors"/> and reported
/// together by <see cref="SchemaEnforcementOptionsValidator"/>.</remarks>
internal sealed class SchemaEnforcementConfigurator(IConfiguration root) : IConfigureOptions<SchemaEnforcementOptions>
{
    private const string ModeMessage = "must be 'off', 'warn' or 'strict' ('enforce' is accepted for 'strict')";

    public void Configure(SchemaEnforcementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = root.GetSection(SchemaEnforcementOptions.SectionName);
        var errors = options.ConfigurationErrors;

        if (Read(section, nameof(options.Enabled), EnvironmentVariableNames.Enabled) is { } enabled)
        {
            if (TryParseBool(enabled.Value, out var value)) options.Enabled = value;
            else errors.Add($"{enabled.Key} must be 'true' or 'false'.");
        }

        if (Read(section, nameof(options.RegistryUrl), EnvironmentVariableNames.Url) is { } url) options.RegistryUrl = NullIfBlank(url.Value);
        if (Read(section, nameof(options.Token), EnvironmentVariableNames.Token) is { } token) options.Token = NullIfBlank(token.Value);
        if (Read(section, nameof(options.Track), EnvironmentVariableNames.Track) is { } track) options.Track = NullIfBlank(track.Value);
        if (Read(section, nameof(options.PreferTrack), EnvironmentVariableNames.PreferTrack) is { } prefer) options.PreferTrack = prefer.Value.Trim();
        if (Read(section, nameof(options.FallbackTrack), EnvironmentVariableNames.FallbackTrack) is { } fallback) options.FallbackTrack = fallback.Value.Trim();

        ReadDuration(section, nameof(options.CacheTtl), EnvironmentVariableNames.CacheTtl, errors, v => options.CacheTtl = v);
        ReadDuration(section, nameof(options.Timeout), EnvironmentVariableNames.Timeout, errors, v => options.Timeout = v);
        ReadDuration(section, nameof(options.PollInterval), EnvironmentVariableNames.PollSeconds, errors, v => options.PollInterval = v);
        ReadDuration(section, nameof(options.RetryInterval), null, errors, v => options.RetryInterval = v);
        ReadDuration(section, nameof(options.NotFoundTtl), null, errors, v => options.NotFoundTtl = v);
        ReadDuration(section, nameof(options.PreloadTimeout), null, errors, v => options.PreloadTimeout = v);

        if (Read(section, nameof(options.Mode), EnvironmentVariableNames.Enforcement) is { } mode)
        {
            if (EnforcementModeParser.TryParse(mode.Value, out var value)) options.Mode = value;
            else errors.Add($"{mode.Key} {ModeMessage}.");
        }

        foreach (var child in section.GetSection(nameof(options.Overrides)).GetChildren())
        {
            if (EnforcementModeParser.TryParse(child.Value, out var value)) options.Overrides[child.Key] = value;
            else errors.Add($"{child.Path} {ModeMessage}.");
        }

        if (Read(section, nameof(options.CanaryStrictPercent), null) is { } canary)
        {
            if (double.TryParse(canary.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) options.CanaryStrictPercent = value;
            else errors.Add($"{canary.Key} must be a number between 0 and 100.");
        }

        if (Read(section, nameof(options.OnUnavailable), null) is { } unavailable)
        {
            // By name only: Enum.TryParse would also take "1" (or "7") for a value nobody wrote.
            var name = Enum.GetNames<UnavailableSchemaBehavior>().FirstOrDefault(n => string.Equals(n, unavailable.Value.Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is not null) options.OnUnavailable = Enum.Parse<UnavailableSchemaBehavior>(name);
            else errors.Add($"{unavailable.Key} must be 'allow' or 'reject'.");
        }

        if (Read(section, nameof(options.CacheDirectory), null) is { } directory) options.CacheDirectory = NullIfBlank(directory.Value);

        if (Read(section, nameof(options.MaxCachedSchemas), null) is { } max)
        {
            if (int.TryParse(max.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) options.MaxCachedSchemas = value;
            else errors.Add($"{max.Key} must be a whole number.");
        }

        if (Read(section, nameof(options.AllowCrossOriginRedirects), null) is { } redirects)
        {
            if (TryParseBool(redirects.Value, out var value)) options.AllowCrossOriginRedirects = value;
            else errors.Add($"{redirects.Key} must be 'true' or 'false'.");
        }

        if (Read(section, nameof(options.FormatAssertion), null) is { } format)
        {
            if (TryParseBool(format.Value, out var value)) options.FormatAssertion = value;
            else errors.Add($"{format.Key} must be 'true' or 'false'.");
        }

        foreach (var child in section.GetSection(nameof(options.CriticalSchemas)).GetChildren())
        {
            if (NullIfBlank(child.Value) is { } name && !options.CriticalSchemas.Contains(name)) options.CriticalSchemas.Add(name);
        }
    }

    /// <summary>The root key's value when set, else the section's; with the key to name in an error message.</summary>
    /// <remarks>A blank root key counts as unset: <c>REGISTRY_TOKEN=</c> in a compose file or k8s manifest means
    /// "not given here", and must neither hide the section's value nor stop the host.</remarks>
    private (string Key, string Value)? Read(IConfigurationSection section, string sectionKey, string? rootKey)
    {
        if (rootKey is not null && root[rootKey] is { } rootValue && !string.IsNullOrWhiteSpace(rootValue)) return (rootKey, rootValue);
        return section[sectionKey] is { } value ? ($"{section.Path}:{sectionKey}", value) : null;
    }

    private void ReadDuration(IConfigurationSection section, string sectionKey, string? rootKey, List<string> errors, Action<TimeSpan> assign)
    {
        if (Read(section, sectionKey, rootKey) is not { } setting) return;
        if (TryParseSeconds(setting.Value, out var value)) assign(value);
        else errors.Add($"{setting.Key} must be a number of seconds.");
    }

    /// <summary>Environment variables carry seconds ("300", "0.5"); the section may also use a TimeSpan ("00:05:00").</summary>
    private static bool TryParseSeconds(string text, out TimeSpan value)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
            && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds)
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseBool(string text, out bool value)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "TRUE" or "1" or "YES" or "ON":
                value = true;
                return true;
            case "FALSE" or "0" or "NO" or "OFF":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
