using System.Globalization;
using CoreRegistryClient.Caching;
using CoreRegistryClient.Enforcement;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoreRegistryClient.Telemetry;

/// <summary>Healthy when every schema in use is current; degraded while serving stale or snapshot validators,
/// or after registry errors; unhealthy when enforcement needs a schema that is not there (a critical schema
/// not loaded, or any schema missing under <c>OnUnavailable=Reject</c>). Reads cache state only: no I/O.</summary>
internal sealed class SchemaRegistryHealthCheck(SchemaCache cache, EnforcementPolicy policy, CacheClock clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = policy.Current;
        if (!current.Enabled || current.Mode == EnforcementMode.Off && current.Options.Overrides.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Schema enforcement is off: no schema is needed."));
        }

        var now = clock.NowMilliseconds;
        var entries = cache.Entries.ToList();
        var missing = entries.Where(e => e.Current is null && e.HasFailed).Select(e => e.Name).ToList();
        var stale = entries.Where(e => e.Current is { } schema && (schema.FromSnapshot || e.HasFailed || e.IsExpired(now))).Select(e => e.Name).ToList();
        var lastRefresh = cache.LastRefresh;
        var lastError = cache.LastRegistryError;
        var data = new Dictionary<string, object>
        {
            ["cached"] = entries.Count,
            ["stale"] = stale.Count,
            ["unavailable"] = missing.Count,
            ["last_refresh"] = lastRefresh?.ToString("O", CultureInfo.InvariantCulture) ?? "never",
            ["last_registry_error"] = lastError?.ToString("O", CultureInfo.InvariantCulture) ?? "never",
        };

        var criticalMissing = current.Options.CriticalSchemas
            .Where(name => !cache.TryGetEntry(name, out var entry) || entry.Current is null).ToList();
        var rejectsMissing = current.Options.OnUnavailable == UnavailableSchemaBehavior.Reject ? missing : [];
        var unusable = criticalMissing.Union(rejectsMissing, StringComparer.Ordinal).ToList();
        if (unusable.Count > 0)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                $"No usable schema for: {string.Join(", ", unusable)}.", data: data));
        }

        if (missing.Count > 0 || stale.Count > 0 || lastError > (lastRefresh ?? DateTimeOffset.MinValue))
        {
            var reasons = new List<string>();
            if (stale.Count > 0) reasons.Add($"serving stale or snapshot validators for: {string.Join(", ", stale)}");
            if (missing.Count > 0) reasons.Add($"unavailable (OnUnavailable=Allow): {string.Join(", ", missing)}");
            if (reasons.Count == 0) reasons.Add("the last registry call failed");
            return Task.FromResult(HealthCheckResult.Degraded($"Schema registry degraded: {string.Join("; ", reasons)}.", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"{entries.Count} schema(s) current.", data));
    }
}
