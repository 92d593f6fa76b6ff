using System.Text.Json;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Caching;

/// <summary>Loads one schema on a load thread: fetches it by track negotiation, verifies its content against the
/// registry's sha256, compiles it, saves the snapshot; on failure falls back to the disk snapshot. Returns what
/// happened; the cache applies it.</summary>
internal sealed class SchemaLoader(RegistryFetcher fetcher, RegistryIndexCache index, SchemaSnapshotStore snapshots, TimeProvider time, ISchemaValidatorFactory validators)
{
    public SchemaLoadResult Load(string name, string? registryName, CompiledSchema? previous, PolicySnapshot policy, SchemaLoad load)
    {
        var options = policy.Options;
        var requested = policy.TrackPolicy.Requested;
        try
        {
            var fetched = Fetch(name, registryName, policy, load);
            if (!SchemaContentHash.Matches(fetched.Content, fetched.Sha256))
            {
                throw new SchemaHashMismatchException(name, fetched.Track, fetched.CoreVersion, fetched.Sha256);
            }

            if (previous is not null && previous.Matches(requested, fetched.Track, fetched.Sha256, (fetched.Deprecated, fetched.DeprecationNote)))
            {
                return SchemaLoadResult.Unchanged(fetched.Name);
            }

            var compiled = new CompiledSchema(name, requested, fetched.Track, fetched.CoreVersion, fetched.Sha256,
                Compile(fetched.Content, options.FormatAssertion), time.GetUtcNow(), fromSnapshot: false,
                fetched.SchemaId, fetched.Deprecated, fetched.DeprecationNote);
            if (options.CacheDirectory is { } directory) snapshots.Save(directory, name, requested, fetched);
            return SchemaLoadResult.Loaded(compiled, fetched.Name);
        }
        catch (Exception) when (load.Token.IsCancellationRequested && !load.BudgetExhausted)
        {
            return SchemaLoadResult.Cancelled; // the host is shutting down
        }
        catch (Exception exception) when (IsOutOfTime(exception, load))
        {
            return Failure(name, previous, SchemaLoadError.Timeout, new SchemaLoadTimeoutException(name, load.Budget, exception), options.CacheDirectory, options.FormatAssertion);
        }
        catch (Exception exception)
        {
            return Failure(name, previous, SchemaLoadErrors.From(exception), exception, options.CacheDirectory, options.FormatAssertion);
        }
    }

    /// <summary>A compiled copy of a snapshot, or null when it does not compile.</summary>
    public CompiledSchema? Restore(SchemaSnapshot snapshot, string name, string directory, bool formatAssertion)
    {
        try
        {
            return new CompiledSchema(name, snapshot.RequestedTrack, snapshot.Track, snapshot.Version, snapshot.Sha256,
                Compile(snapshot.Content, formatAssertion), time.GetUtcNow(), fromSnapshot: true);
        }
        catch (SchemaCompilationException exception)
        {
            snapshots.ReportCorrupt(SchemaSnapshotStore.PathFor(directory, name), exception.Message);
            return null;
        }
    }

    /// <summary>Compiles with the configured backend; each call compiles independently (see <see cref="ISchemaValidatorFactory"/>).</summary>
    /// <exception cref="SchemaCompilationException">The schema does not compile.</exception>
    public ISchemaValidator Compile(JsonElement content, bool formatAssertion) =>
        validators.Compile(content, formatAssertion ? s_formatAssertion : SchemaValidatorOptions.Default);

    private static readonly SchemaValidatorOptions s_formatAssertion = new() { FormatAssertion = true };

    /// <summary>The copy negotiation picks: the hinted (or first candidate) track asked first, with one request; only
    /// when it lacks or deprecates the schema is the index consulted for where else it is, so an unknown name costs
    /// one request rather than one per track and spelling. Without an index every track and spelling is tried.</summary>
    private RegistrySchema Fetch(string name, string? registryName, PolicySnapshot policy, SchemaLoad load)
    {
        var candidates = policy.TrackPolicy.Candidates;
        var first = (Track: load.TrackHint is { } hint && candidates.Contains(hint, StringComparer.Ordinal) ? hint : candidates[0], Name: registryName ?? name);
        var tried = new HashSet<(string, string)> { first };
        var deprecated = TryGet(first.Track, first.Name, load);
        if (deprecated is { Deprecated: false } found) return found;

        var listing = index.GetFresh(CacheClock.Milliseconds(policy.Options.NotFoundTtl), fetcher, load);
        var others = listing is not null
            ? policy.TrackPolicy.Listings(listing, name).Select(l => (l.Track, l.Entry.Name))
            : candidates.SelectMany(track => new[] { (track, name), (track, SchemaNames.Alternate(name)) });
        foreach (var other in others)
        {
            if (!tried.Add(other) || TryGet(other.Item1, other.Item2, load) is not { } schema) continue;
            if (!schema.Deprecated) return schema;
            deprecated ??= schema;
        }

        return deprecated ?? throw new SchemaNotFoundException($"Schema '{name}' is on none of the tracks {string.Join(", ", candidates)}.");
    }

    private RegistrySchema? TryGet(string track, string name, SchemaLoad load)
    {
        try
        {
            var schema = fetcher.GetSchema(track, name, load);
            return string.IsNullOrEmpty(schema.Track) ? schema with { Track = track } : schema;
        }
        catch (SchemaNotFoundException)
        {
            return null;
        }
    }

    private SchemaLoadResult Failure(string name, CompiledSchema? previous, SchemaLoadError error, Exception exception, string? directory, bool formatAssertion)
    {
        // Never loaded in this process: the disk snapshot is the last resort (not for a definite 404).
        if (previous is null && error != SchemaLoadError.NotFound && directory is not null
            && snapshots.TryLoad(directory, name) is { } snapshot && Restore(snapshot, name, directory, formatAssertion) is { } restored)
        {
            return SchemaLoadResult.Failed(error, exception, restored);
        }

        return SchemaLoadResult.Failed(error, exception, null);
    }

    private static bool IsOutOfTime(Exception exception, SchemaLoad load) =>
        load.BudgetExhausted || exception is RegistryException { Kind: RegistryErrorKind.Timeout } && load.Remaining == TimeSpan.Zero;
}

/// <summary>What a load did.</summary>
internal sealed class SchemaLoadResult
{
    private SchemaLoadResult(CompiledSchema? schema, bool changed, string? registryName, SchemaLoadError error, Exception? exception, bool cancelled)
    {
        Schema = schema;
        Changed = changed;
        RegistryName = registryName;
        Error = error;
        Exception = exception;
        IsCancelled = cancelled;
    }

    public static SchemaLoadResult Cancelled { get; } = new(null, false, null, SchemaLoadError.None, null, true);

    /// <summary>The new validator (changed), or the snapshot copy a failure fell back to.</summary>
    public CompiledSchema? Schema { get; }

    public bool Changed { get; }

    /// <summary>How the registry spells the name.</summary>
    public string? RegistryName { get; }

    public SchemaLoadError Error { get; }

    public Exception? Exception { get; }

    public bool IsCancelled { get; }

    public static SchemaLoadResult Loaded(CompiledSchema schema, string registryName) => new(schema, true, registryName, SchemaLoadError.None, null, false);

    /// <summary>The registry's copy is the one already in use.</summary>
    public static SchemaLoadResult Unchanged(string registryName) => new(null, false, registryName, SchemaLoadError.None, null, false);

    public static SchemaLoadResult Failed(SchemaLoadError error, Exception exception, CompiledSchema? fallback) => new(fallback, false, null, error, exception, false);
}
