using Microsoft.Extensions.Options;

namespace CoreRegistryClient.DependencyInjection;

/// <summary>Checks <see cref="SchemaEnforcementOptions"/> at start-up and on every reload, naming settings the way
/// operators set them (environment variable first, configuration key in brackets). Never echoes the token.</summary>
/// <remarks>Every numeric setting has an upper bound as well as a lower one: a value a timer or a wait cannot take
/// (e.g. <c>REGISTRY_TIMEOUT=5000000</c>) is refused here, at start-up or on reload, not discovered by a throwing
/// <c>Task.Delay</c> later.</remarks>
internal sealed class SchemaEnforcementOptionsValidator : IValidateOptions<SchemaEnforcementOptions>
{
    public const int MaxCachedSchemasLimit = 100_000;

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

        var day = TimeSpan.FromDays(1);
        var hour = TimeSpan.FromHours(1);
        var fiveMinutes = TimeSpan.FromMinutes(5);
        if (!InRange(options.CacheTtl, day)) failures.Add("REGISTRY_CACHE_TTL must be a positive number of seconds, at most 86400 (SchemaEnforcement:CacheTtl).");
        if (!InRange(options.Timeout, fiveMinutes)) failures.Add("REGISTRY_TIMEOUT must be a positive number of seconds, at most 300 (SchemaEnforcement:Timeout).");
        if (options.PollInterval != TimeSpan.Zero && !InRange(options.PollInterval, day))
        {
            failures.Add("REGISTRY_POLL_SECONDS must be 0 (no polling) or a positive number of seconds, at most 86400 (SchemaEnforcement:PollInterval).");
        }

        if (!InRange(options.RetryInterval, hour)) failures.Add("SchemaEnforcement:RetryInterval must be a positive duration, at most 1 hour.");
        if (!InRange(options.NotFoundTtl, hour)) failures.Add("SchemaEnforcement:NotFoundTtl must be a positive duration, at most 1 hour.");
        if (!InRange(options.PreloadTimeout, fiveMinutes)) failures.Add("SchemaEnforcement:PreloadTimeout must be a positive duration, at most 300 seconds.");
        if (string.IsNullOrWhiteSpace(options.PreferTrack)) failures.Add("SCHEMA_PREFER_TRACK must not be empty (SchemaEnforcement:PreferTrack).");
        if (string.IsNullOrWhiteSpace(options.FallbackTrack)) failures.Add("SCHEMA_FALLBACK_TRACK must not be empty (SchemaEnforcement:FallbackTrack).");
        if (!Enum.IsDefined(options.Mode)) failures.Add("REGISTRY_ENFORCEMENT must be 'off', 'warn' or 'strict' (SchemaEnforcement:Mode).");
        if (!Enum.IsDefined(options.OnUnavailable)) failures.Add("SchemaEnforcement:OnUnavailable must be 'allow' or 'reject'.");
        if (!(options.CanaryStrictPercent is >= 0 and <= 100)) failures.Add("SchemaEnforcement:CanaryStrictPercent must be between 0 and 100.");
        if (options.MaxCachedSchemas is < 1 or > MaxCachedSchemasLimit)
        {
            failures.Add($"SchemaEnforcement:MaxCachedSchemas must be at least 1 and at most {MaxCachedSchemasLimit}.");
        }

        foreach (var (schema, mode) in options.Overrides)
        {
            if (!Enum.IsDefined(mode)) failures.Add($"SchemaEnforcement:Overrides:{schema} must be 'off', 'warn' or 'strict'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool InRange(TimeSpan value, TimeSpan max) => value > TimeSpan.Zero && value <= max;
}
