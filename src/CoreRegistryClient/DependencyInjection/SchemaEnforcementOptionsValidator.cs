using Microsoft.Extensions.Options;

namespace CoreRegistryClient.DependencyInjection;

/// <summary>Checks <see cref="SchemaEnforcementOptions"/> at start-up and on every reload, naming settings the way
/// operators set them (environment variable first, configuration key in brackets). Never echoes the token.</summary>
internal sealed class SchemaEnforcementOptionsValidator : IValidateOptions<SchemaEnforcementOptions>
{
    public ValidateOptionsResult Validate(string? name, SchemaEnforcementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(options.ConfigurationErrors);

        if (options.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.RegistryUrl))
            {
                failures.Add("REGISTRY_URL must be set when REGISTRY_ENABLED=true (SchemaEnforcement:RegistryUrl).");
            }
            else if (!Uri.TryCreate(options.RegistryUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add("REGISTRY_URL must be an absolute http:// or https:// URL (SchemaEnforcement:RegistryUrl).");
            }
        }

        if (options.CacheTtl <= TimeSpan.Zero) failures.Add("REGISTRY_CACHE_TTL must be a positive number of seconds (SchemaEnforcement:CacheTtl).");
        if (options.Timeout <= TimeSpan.Zero) failures.Add("REGISTRY_TIMEOUT must be a positive number of seconds (SchemaEnforcement:Timeout).");
        if (options.PollInterval < TimeSpan.Zero) failures.Add("REGISTRY_POLL_SECONDS must be 0 (no polling) or a positive number of seconds (SchemaEnforcement:PollInterval).");
        if (options.RetryInterval <= TimeSpan.Zero) failures.Add("SchemaEnforcement:RetryInterval must be a positive duration.");
        if (string.IsNullOrWhiteSpace(options.PreferTrack)) failures.Add("SCHEMA_PREFER_TRACK must not be empty (SchemaEnforcement:PreferTrack).");
        if (string.IsNullOrWhiteSpace(options.FallbackTrack)) failures.Add("SCHEMA_FALLBACK_TRACK must not be empty (SchemaEnforcement:FallbackTrack).");
        if (!Enum.IsDefined(options.Mode)) failures.Add("REGISTRY_ENFORCEMENT must be 'off', 'warn' or 'strict' (SchemaEnforcement:Mode).");
        if (!Enum.IsDefined(options.OnUnavailable)) failures.Add("SchemaEnforcement:OnUnavailable must be 'allow' or 'reject'.");
        if (!(options.CanaryStrictPercent is >= 0 and <= 100)) failures.Add("SchemaEnforcement:CanaryStrictPercent must be between 0 and 100.");
        if (options.MaxCachedSchemas < 1) failures.Add("SchemaEnforcement:MaxCachedSchemas must be at least 1.");
        foreach (var (schema, mode) in options.Overrides)
        {
            if (!Enum.IsDefined(mode)) failures.Add($"SchemaEnforcement:Overrides:{schema} must be 'off', 'warn' or 'strict'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
