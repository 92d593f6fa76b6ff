using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoreRegistryClient.Drift;

/// <summary>Reports the drift monitor's last run: healthy before the first run and while every schema is synced,
/// degraded while a schema drifts, the registry was unreachable or a directory could not be compared.</summary>
/// <remarks>Never unhealthy: drift is something to fix in the next release, not a reason to restart or unroute a
/// replica (fail-open, as everywhere in the SDK).</remarks>
internal sealed class SchemaDriftHealthCheck(SchemaDriftMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = monitor.Snapshot;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["runs"] = monitor.Runs,
            ["drifted"] = snapshot.Drifted,
            ["unknown"] = snapshot.Unknown,
            ["failed_directories"] = snapshot.Failures.Count,
        };
        if (snapshot.FinishedAt is { } last)
        {
            data["last_run"] = last.ToString("O", CultureInfo.InvariantCulture);
        }

        if (monitor.NextRunAt is { } next)
        {
            data["next_run"] = next.ToString("O", CultureInfo.InvariantCulture);
        }

        var result = snapshot.FinishedAt is null
            ? HealthCheckResult.Healthy("No drift run yet.", data)
            : snapshot.Failures.Count > 0
                ? HealthCheckResult.Degraded($"{snapshot.Failures.Count} schema director{(snapshot.Failures.Count == 1 ? "y" : "ies")} could not be compared: {string.Join("; ", snapshot.Failures)}", data: data)
                : !snapshot.RegistryAvailable
                    ? HealthCheckResult.Degraded("The registry was unreachable at the last drift run; drift is unknown.", data: data)
                    : snapshot.Drifted > 0
                        ? HealthCheckResult.Degraded($"{snapshot.Drifted} schema(s) differ from the registry: {string.Join(", ", snapshot.Reports.SelectMany(r => r.Schemas.Where(s => r.IsDrift(s.Status)).Select(s => $"{s.Schema} ({r.Track})")))}", data: data)
                        : HealthCheckResult.Healthy("Every local schema matches the registry.", data);
        return Task.FromResult(result);
    }
}
