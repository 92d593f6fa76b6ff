using System.Text.Json;
using CoreRegistryClient.Registry;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Drift;

/// <summary>One <see cref="DriftReporter.CompareAsync"/> call: reads the index, compares each local copy, classifies drift.</summary>
internal sealed class DriftRun(ISchemaRegistryClient registry, ILogger logger, TimeProvider time, DriftReporterOptions options, string track, LocalSchemaDirectory local, IProgress<DriftProgress>? progress)
{
    private int _completed;

    public async Task<DriftReport> ExecuteAsync(CancellationToken cancellationToken)
    {
        var generatedAt = time.GetUtcNow();
        SchemaIndex index;
        try
        {
            index = await registry.GetIndexAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException ex)
        {
            DriftLog.RegistryUnavailable(logger, track, ex.Kind, ex);
            return Report(generatedAt, local.Schemas.Select(Unknown).ToList(), available: false, error: ex.Message);
        }

        if (!index.Tracks.TryGetValue(track, out var trackIndex))
        {
            throw new ArgumentException($"The registry has no track '{track}' (it has: {string.Join(", ", index.Tracks.Keys.Order(StringComparer.Ordinal))}).");
        }

        var inRegistry = new Dictionary<string, SchemaIndexEntry>(StringComparer.Ordinal);
        foreach (var entry in trackIndex.Schemas)
        {
            inRegistry[SchemaNames.Canonical(entry.Name)] = entry;
        }

        var results = new SchemaDriftResult[local.Schemas.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, results.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrency), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var schema = local.Schemas[i];
                results[i] = await CompareAsync(schema, inRegistry.GetValueOrDefault(schema.Name), ct).ConfigureAwait(false);
                progress?.Report(new DriftProgress(Interlocked.Increment(ref _completed), results.Length, schema.Name));
            }).ConfigureAwait(false);

        var localNames = local.Schemas.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var missingLocally = inRegistry
            .Where(e => !localNames.Contains(e.Key))
            .Select(e => new SchemaDriftResult { Schema = e.Key, Status = DriftStatus.MissingLocally, RegistryVersion = e.Value.LatestCoreVersion });

        var all = results.Concat(missingLocally).OrderBy(r => r.Schema, StringComparer.Ordinal).ToList();
        return Report(generatedAt, all, available: true, error: null);
    }

    private DriftReport Report(DateTimeOffset generatedAt, List<SchemaDriftResult> schemas, bool available, string? error) => new()
    {
        Track = track,
        RegistryUrl = options.RegistryUrl ?? local.Metadata?.RegistryUrl,
        GeneratedAt = generatedAt,
        CanonicalForm = CanonicalJson.GetName(options.CanonicalForm),
        RegistryAvailable = available,
        RegistryError = error,
        MissingLocallyCountsAsDrift = options.MissingLocallyCountsAsDrift,
        Schemas = schemas,
    };

    private static SchemaDriftResult Unknown(LocalSchema schema) => new()
    {
        Schema = schema.Name,
        Status = DriftStatus.Unknown,
        LocalSha = schema.Sha,
        LocalVersion = schema.Version,
        Error = schema.Error,
    };

    private async Task<SchemaDriftResult> CompareAsync(LocalSchema schema, SchemaIndexEntry? entry, CancellationToken cancellationToken)
    {
        var result = new SchemaDriftResult
        {
            Schema = schema.Name,
            Status = DriftStatus.MissingInRegistry,
            LocalSha = schema.Sha,
            LocalVersion = schema.Version,
            Error = schema.Error,
        };
        if (entry is null)
        {
            return result;
        }

        result = result with { RegistryVersion = entry.LatestCoreVersion };
        if (schema.Content is null)
        {
            return result with { Status = DriftStatus.Drift };
        }

        if (string.Equals(entry.Sha256, schema.Sha, StringComparison.OrdinalIgnoreCase))
        {
            // The registry hashes with the same canonical form and the content matches: nothing to fetch.
            return WithVersionCheck(result with { RegistrySha = schema.Sha });
        }

        RegistrySchema remote;
        try
        {
            remote = await registry.GetSchemaAsync(track, entry.Name, null, cancellationToken).ConfigureAwait(false);
        }
        catch (SchemaNotFoundException)
        {
            return result with { RegistryVersion = null };
        }
        catch (RegistryException ex)
        {
            DriftLog.SchemaFetchFailed(logger, schema.Name, track, ex.Kind, ex);
            return result with { Status = DriftStatus.Unknown, Error = $"The registry could not serve the schema ({ex.Kind}): {ex.Message}" };
        }

        result = result with { RegistryVersion = remote.CoreVersion ?? entry.LatestCoreVersion };
        string registrySha;
        try
        {
            registrySha = SchemaHasher.ComputeSha256(remote.Content, options.CanonicalForm);
        }
        catch (CanonicalJsonException ex)
        {
            return result with { Status = DriftStatus.Unknown, Error = $"The registry's content cannot be hashed ({ex.Kind}): {ex.Message}" };
        }

        result = result with { RegistrySha = registrySha };
        if (string.Equals(registrySha, schema.Sha, StringComparison.Ordinal))
        {
            return WithVersionCheck(result);
        }

        return await ClassifyAsync(result with { Status = DriftStatus.Drift }, schema, remote, cancellationToken).ConfigureAwait(false);
    }

    private static SchemaDriftResult WithVersionCheck(SchemaDriftResult result) =>
        result.LocalVersion is not null && result.RegistryVersion is not null && !string.Equals(result.LocalVersion, result.RegistryVersion, StringComparison.Ordinal)
            ? result with { Status = DriftStatus.VersionMismatch }
            : result with { Status = DriftStatus.Synced };

    private async Task<SchemaDriftResult> ClassifyAsync(SchemaDriftResult result, LocalSchema schema, RegistrySchema remote, CancellationToken cancellationToken)
    {
        using var localDocument = JsonDocument.Parse(schema.Content, new JsonDocumentOptions { MaxDepth = CanonicalJsonWriter.MaxDepth });
        var changes = SchemaChangeClassifier.Diff(localDocument.RootElement, remote.Content);
        result = result with
        {
            Changes = changes,
            Classification = SchemaChangeClassifier.Classify(changes),
            DecidedBy = ClassificationSource.StructuralDiff,
        };

        if (!options.UseRegistryCompatibilityCheck || result.LocalVersion is not { } from || result.RegistryVersion is not { } to || from == to)
        {
            return result;
        }

        try
        {
            var answer = await registry.CheckCompatibilityAsync(new CompatibilityQuery(remote.Name, track, from, track, to), cancellationToken).ConfigureAwait(false);
            return result with
            {
                Classification = answer.Compatible ? ChangeClassification.Benign : ChangeClassification.Breaking,
                DecidedBy = ClassificationSource.Registry,
                RegistryBreakingReasons = answer.BreakingReasons ?? [],
            };
        }
        catch (RegistryException ex)
        {
            DriftLog.CompatibilityCheckUnavailable(logger, schema.Name, from, to, ex.Kind);
            return result;
        }
    }
}
