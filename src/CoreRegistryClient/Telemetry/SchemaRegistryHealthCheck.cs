using System.Globalization;
using CoreRegistryClient.Caching;
using CoreRegistryClient.Enforcement;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoreRegistryClient.Telemetry;

/// <summary>Describes the registry (answering or not, since when, why) and the schemas in use. Healthy while the
/// registry answers and every schema in use came from it; degraded while it does not answer, or a stale or snapshot
/// validator serves, or a schema fails open; unhealthy when enforcement needs a schema that is not there (a critical
/// schema not loaded, or a schema missing under <c>OnUnavailable=Reject</c>). Reads state only: no I/O.</summary>
/// <remarks>Recovers by itself: a failure the registry has answered since no longer counts, and the poller's
/// confirmations clear a schema's error. A name the registry says does not exist (a 404, e.g. a typo in a producer) is
/// not an outage and does not count. The description names at most <see cref="NamesShown"/> schemas per reason.</remarks>
internal sealed class SchemaRegistryHealthCheck(SchemaCache cache, EnforcementPolicy policy) : IHealthCheck
{
    public const int NamesShown = 5;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = policy.Current;
        if (!current.Enabled || current.Mode == EnforcementMode.Off && current.Options.Overrides.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Schema enforcement is off: no schema is needed."));
        }

        var registry = cache.Registry.Snapshot();
        var recovered = cache.Registry.LastAnswerSequence;
        var entries = cache.Entries.ToList();
        bool FailingNow(SchemaCacheEntry e) => e.LastError.IsUnreachable() && e.FailureSequence > recovered;
        var missing = entries.Where(e => e.Current is null && FailingNow(e)).Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        var stale = entries.Where(e => e.Current is { } schema && (schema.FromSnapshot || FailingNow(e))).Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        var inUse = entries.Count(e => e.Current is not null);
        var data = new Dictionary<string, object>
        {
            ["registry_reachable"] = !registry.Unreachable,
            ["last_answer"] = Format(registry.LastAnswerAt),
            ["last_failure"] = Format(registry.LastFailureAt),
            ["schemas_in_use"] = inUse,
            ["stale"] = stale.Count,
            ["unavailable"] = missing.Count,
        };

        var registryText = Describe(registry);
        var criticalMissing = current.Options.CriticalSchemas.Select(Registry.SchemaNames.Canonical)
            .Where(name => !cache.TryGetEntry(name, out var entry) || entry.Current is null).ToList();
        var rejectsMissing = current.Options.OnUnavailable == UnavailableSchemaBehavior.Reject ? missing : [];
        var unusable = criticalMissing.Union(rejectsMissing, StringComparer.Ordinal).ToList();
        if (unusable.Count > 0)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                $"No usable schema for: {Names(unusable)}. {registryText}", data: data));
        }

        if (registry.Unreachable || missing.Count > 0 || stale.Count > 0)
        {
            var reasons = new List<string>();
            if (stale.Count > 0) reasons.Add($"serving stale or snapshot validators for: {Names(stale)}");
            if (missing.Count > 0) reasons.Add($"failing open (OnUnavailable=Allow) for: {Names(missing)}");
            var schemas = reasons.Count > 0 ? " " + string.Join("; ", reasons) + "." : string.Empty;
            return Task.FromResult(HealthCheckResult.Degraded($"{registryText}{schemas}", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"{registryText} {inUse} schema(s) in use, all current.", data));
    }

    private static string Describe(RegistryStatusSnapshot registry)
    {
        if (!registry.Unreachable)
        {
            return registry.LastAnswerAt is { } at ? $"Registry answering (last answer {Format(at)})." : "Registry not contacted yet.";
        }

        var cause = RegistryErrorTypes.For(registry.LastFailure);
        if (registry.LastFailure != registry.RootCause && registry.RootCause != SchemaLoadError.None)
        {
            cause += $", root cause {RegistryErrorTypes.For(registry.RootCause)}";
        }

        return $"Registry unreachable (last failure {Format(registry.LastFailureAt)}: {cause}).";
    }

    private static string Names(List<string> names) =>
        names.Count <= NamesShown ? string.Join(", ", names) : $"{string.Join(", ", names.Take(NamesShown))} and {names.Count - NamesShown} more";

    private static string Format(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture) ?? "never";
}
