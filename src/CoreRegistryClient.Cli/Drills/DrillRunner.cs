using System.Globalization;
using System.Text.Json;
using CoreRegistryClient.Drift;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoreRegistryClient.Cli.Drills;

/// <summary>Runs one drill against a real registry: publishes the drill schema's versions through the admin API,
/// drives golden payloads through a service wired as <c>AddSchemaEnforcement</c> wires one, checks each outcome, and
/// deprecates what it published (the registry API has no delete).</summary>
/// <param name="settings">The registry, its admin token and the time budget of each call.</param>
/// <param name="schema">The drill's own schema name.</param>
/// <param name="track">The track published to and validated on.</param>
/// <param name="wait">How long a step waits for the service to see a change (poll, outage, recovery).</param>
/// <param name="time">The clock (version labels, waits).</param>
internal sealed class DrillRunner(RegistrySettings settings, string schema, string track, TimeSpan wait, TimeProvider time)
{
    private readonly List<DrillStep> _steps = [];
    private readonly List<string> _published = [];

    /// <summary>Runs the drill; a registry that cannot be reached or refuses the token ends it early with the failing step.</summary>
    /// <returns>The report, and whether the registry was unavailable (the drill could not run).</returns>
    public async Task<(DrillReport Report, bool RegistryUnavailable)> RunAsync(DrillKind kind, bool keep, IRegistrySession admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var epoch = time.GetUtcNow().ToUnixTimeSeconds();
        var baseline = string.Create(CultureInfo.InvariantCulture, $"{epoch}.0.0");
        var unavailable = false;
        var cleanedUp = false;
        try
        {
            var health = await admin.Client.GetHealthAsync(cancellationToken).ConfigureAwait(false);
            Pass("registry answers GET /health", $"status {health.Status}, version {health.Version ?? "unknown"}");
            await PublishAsync(admin, baseline, DrillSchemas.Baseline, "baseline", cancellationToken).ConfigureAwait(false);

            var strict = await DrilledService.StartAsync(settings, track, EnforcementMode.Strict, cancellationToken).ConfigureAwait(false);
            await using var strictScope = strict.ConfigureAwait(false);
            if (await WarmUpAsync(strict, baseline, cancellationToken).ConfigureAwait(false))
            {
                switch (kind)
                {
                    case DrillKind.Benign:
                        await ChangeAsync(admin, strict, string.Create(CultureInfo.InvariantCulture, $"{epoch}.1.0"), DrillSchemas.Benign, breaking: false, baseline, cancellationToken).ConfigureAwait(false);
                        break;
                    case DrillKind.Breaking:
                        await ChangeAsync(admin, strict, string.Create(CultureInfo.InvariantCulture, $"{epoch + 1}.0.0"), DrillSchemas.Breaking, breaking: true, baseline, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await OutageAsync(strict, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (RegistryException ex)
        {
            unavailable = true;
            Fail("registry call", $"{ex.Kind}: {ex.Message}");
        }
        finally
        {
            if (!keep && _published.Count > 0)
            {
                cleanedUp = await CleanUpAsync(admin, kind, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return (new DrillReport(kind, settings.DisplayUrl, schema, track, [.. _published], [.. _steps], cleanedUp), unavailable);
    }

    private async Task PublishAsync(IRegistrySession admin, string version, string content, string what, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(content);
        await admin.Client.PublishSchemaAsync(
            new PublishSchemaRequest(schema, track, version, document.RootElement.Clone(), SchemaIdStr: schema), cancellationToken).ConfigureAwait(false);
        _published.Add(version);
        Pass($"publish {what} {version}", $"POST /admin/schemas {schema} on {track}");
    }

    private async Task<bool> WarmUpAsync(DrilledService service, string baseline, CancellationToken cancellationToken)
    {
        var valid = await ValidateAllAsync(service, DrillSchemas.GoldenValid, cancellationToken).ConfigureAwait(false);
        var invalid = await ValidateAsync(service, DrillSchemas.GoldenInvalid, cancellationToken).ConfigureAwait(false);
        var ok = valid.All(c => c.Valid && c.Version == baseline) && !invalid.Valid && invalid.Version == baseline;
        Record(ok, $"service validates golden payloads on {baseline} (strict)",
            $"{valid.Count(c => c.Valid)}/{valid.Count} golden payloads valid, the invalid one {(invalid.Valid ? "ACCEPTED" : $"rejected ({invalid.Keywords})")}; version {Describe(valid.Append(invalid))}");
        return ok;
    }

    private async Task ChangeAsync(IRegistrySession admin, DrilledService strict, string candidate, string content, bool breaking, string baseline, CancellationToken cancellationToken)
    {
        await PublishAsync(admin, candidate, content, breaking ? "breaking change" : "benign change", cancellationToken).ConfigureAwait(false);
        var pickedUp = await WaitForAsync(async () => (await ValidateAsync(strict, DrillSchemas.GoldenValid[0], cancellationToken).ConfigureAwait(false)).Version == candidate, cancellationToken).ConfigureAwait(false);
        Record(pickedUp, $"service picks up {candidate}", pickedUp ? "seen by the index poll" : $"still not serving it after {wait.TotalSeconds:0} s");
        if (!pickedUp)
        {
            return;
        }

        var strictOutcomes = await ValidateAllAsync(strict, DrillSchemas.GoldenValid, cancellationToken).ConfigureAwait(false);
        if (!breaking)
        {
            Record(strictOutcomes.All(c => c.Valid), "golden payloads still valid in strict", $"{strictOutcomes.Count(c => c.Valid)}/{strictOutcomes.Count} valid on {candidate}");
        }
        else
        {
            Record(strictOutcomes.All(c => !c.Valid && c.Rejected), "golden payloads rejected in strict",
                $"{strictOutcomes.Count(c => c.Rejected)}/{strictOutcomes.Count} rejected on {candidate} ({string.Join("; ", strictOutcomes.Select(c => c.Keywords))})");
            var warn = await DrilledService.StartAsync(settings, track, EnforcementMode.Warn, cancellationToken).ConfigureAwait(false);
            await using var warnScope = warn.ConfigureAwait(false);
            var warnOutcomes = await ValidateAllAsync(warn, DrillSchemas.GoldenValid, cancellationToken).ConfigureAwait(false);
            Record(warnOutcomes.All(c => !c.Valid && !c.Rejected && c.Version == candidate), "warn mode reports them without rejecting",
                $"{warnOutcomes.Count(c => !c.Valid && !c.Rejected)}/{warnOutcomes.Count} reported invalid, none thrown");
        }

        await DriftCheckAsync(baseline, candidate, breaking, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What <c>core-registry drift</c> would say to a repository still holding the baseline copy.</summary>
    private async Task DriftCheckAsync(string baseline, string candidate, bool breaking, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "core-registry-drill-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, schema + ".json"), DrillSchemas.Baseline, cancellationToken).ConfigureAwait(false);
            new SchemaDirectoryMetadata { RegistryUrl = settings.DisplayUrl, Track = track, Versions = new Dictionary<string, string> { [schema] = baseline } }.Write(directory);
            var session = RegistrySession.Create(settings);
            await using var sessionScope = session.ConfigureAwait(false);
            var report = await new DriftReporter(session.Client).CompareAsync(directory, new DriftReporterOptions { Track = track, Repository = "core-registry-drill" }, null, cancellationToken).ConfigureAwait(false);
            var entry = report.Schemas.FirstOrDefault(s => s.Schema == schema);
            var structural = entry?.Changes.Any(c => c.Classification == ChangeClassification.Breaking) == true ? "breaking" : "benign";
            var ok = entry is not null && report.IsDrift(entry.Status) && entry.RegistryVersion == candidate && structural == (breaking ? "breaking" : "benign");
            Record(ok, "drift check reports the change",
                entry is null ? "the schema is missing from the report"
                    : $"status {entry.Status}, structural changes {structural} ({entry.Changes.Count}), registry verdict {entry.Classification?.ToString() ?? "none"} (decided by {entry.DecidedBy?.ToString() ?? "-"})");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task OutageAsync(DrilledService service, CancellationToken cancellationToken)
    {
        var errorsBefore = service.Stats.RegistryErrors;
        service.Outage.Cut = true;
        Pass("registry cut off from the service", "every registry request of the service fails with a connection error");
        var degraded = await WaitForAsync(async () =>
        {
            await ValidateAllAsync(service, DrillSchemas.GoldenValid, cancellationToken).ConfigureAwait(false);
            return await service.CheckHealthAsync(cancellationToken).ConfigureAwait(false) == HealthStatus.Degraded && service.Stats.RegistryErrors > errorsBefore;
        }, cancellationToken).ConfigureAwait(false);
        Record(degraded, "health turns degraded and registry errors are counted",
            $"health {await service.CheckHealthAsync(cancellationToken).ConfigureAwait(false)}, {service.Stats.RegistryErrors - errorsBefore} registry error(s) during the outage");

        var valid = await ValidateAllAsync(service, DrillSchemas.GoldenValid, cancellationToken).ConfigureAwait(false);
        var invalid = await ValidateAsync(service, DrillSchemas.GoldenInvalid, cancellationToken).ConfigureAwait(false);
        Record(valid.All(c => c.Valid && !c.FailedOpen) && invalid.Rejected, "cached schema keeps enforcing during the outage",
            $"{valid.Count(c => c.Valid)}/{valid.Count} golden payloads valid from cache, the invalid one {(invalid.Rejected ? "rejected" : "NOT rejected")}");

        service.Outage.Cut = false;
        var healthy = await WaitForAsync(async () =>
        {
            await ValidateAllAsync(service, DrillSchemas.GoldenValid, cancellationToken).ConfigureAwait(false);
            return await service.CheckHealthAsync(cancellationToken).ConfigureAwait(false) == HealthStatus.Healthy;
        }, cancellationToken).ConfigureAwait(false);
        Record(healthy, "healthy again once the registry answers", healthy ? "health Healthy" : $"not healthy after {wait.TotalSeconds:0} s");
    }

    private async Task<bool> CleanUpAsync(IRegistrySession admin, DrillKind kind, CancellationToken cancellationToken)
    {
        var contents = new Dictionary<int, string> { [0] = DrillSchemas.Baseline, [1] = kind == DrillKind.Breaking ? DrillSchemas.Breaking : DrillSchemas.Benign };
        try
        {
            for (var i = 0; i < _published.Count; i++)
            {
                using var document = JsonDocument.Parse(contents[Math.Min(i, 1)]);
                await admin.Client.PublishSchemaAsync(new PublishSchemaRequest(schema, track, _published[i], document.RootElement.Clone(), SchemaIdStr: schema,
                    Deprecated: true, DeprecationNote: $"core-registry drill {kind.ToString().ToLowerInvariant()}: cleaned up"), cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RegistryException)
        {
            return false; // Reported as cleaned_up: false; the drill's verdict is about the service, not the clean-up.
        }
    }

    private async Task<bool> WaitForAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            if (await condition().ConfigureAwait(false))
            {
                return true;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<Check>> ValidateAllAsync(DrilledService service, IEnumerable<string> payloads, CancellationToken cancellationToken)
    {
        var checks = new List<Check>();
        foreach (var payload in payloads)
        {
            checks.Add(await ValidateAsync(service, payload, cancellationToken).ConfigureAwait(false));
        }

        return checks;
    }

    private async Task<Check> ValidateAsync(DrilledService service, string payload, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await service.Manager.ValidateAsync(schema, payload, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new Check(outcome.IsValid, false, outcome.IsFailOpen, outcome.Version, Keywords(outcome.Errors));
        }
        catch (SchemaValidationException ex)
        {
            return new Check(false, true, false, ex.Version, Keywords(ex.Errors));
        }
    }

    private static string Keywords(IEnumerable<SchemaValidationError> errors) =>
        string.Join(", ", errors.Select(e => e.Keyword).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static string Describe(IEnumerable<Check> checks) => string.Join(", ", checks.Select(c => c.Version ?? "none").Distinct(StringComparer.Ordinal));

    private void Pass(string step, string detail) => Record(true, step, detail);

    private void Fail(string step, string detail) => Record(false, step, detail);

    private void Record(bool passed, string step, string detail) => _steps.Add(new DrillStep(step, passed, detail));

    private sealed record Check(bool Valid, bool Rejected, bool FailedOpen, string? Version, string Keywords);
}
