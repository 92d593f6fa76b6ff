using CoreRegistryClient.Enforcement;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Telemetry;

/// <summary>Every log line of the SDK, with stable event ids 1000-1099. None carries a payload value or a token.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Warning,
        "Payload failed schema {SchemaName} (track {Track}, version {Version}) in warn mode: {ErrorCount} error(s), first '{Keyword}' at '{InstanceLocation}' ({KeywordLocation})")]
    public static partial void ValidationFailedInWarnMode(this ILogger logger, string schemaName, string? track, string? version,
        int errorCount, string? keyword, string? instanceLocation, string? keywordLocation);

    [LoggerMessage(1001, LogLevel.Error,
        "Payload rejected by schema {SchemaName} (track {Track}, version {Version}) in strict mode: {ErrorCount} error(s), first '{Keyword}' at '{InstanceLocation}' ({KeywordLocation})")]
    public static partial void ValidationRejected(this ILogger logger, string schemaName, string? track, string? version,
        int errorCount, string? keyword, string? instanceLocation, string? keywordLocation);

    [LoggerMessage(1002, LogLevel.Information, "Fetched schema {SchemaName} from track {Track} (requested {RequestedTrack}), version {Version}, sha256 {Sha256}")]
    public static partial void SchemaFetched(this ILogger logger, string schemaName, string track, string requestedTrack, string version, string sha256);

    [LoggerMessage(1003, LogLevel.Information,
        "Swapped schema {SchemaName}: track {OldTrack} version {OldVersion} (sha256 {OldSha256}) -> track {Track} version {Version} (sha256 {Sha256})")]
    public static partial void SchemaSwapped(this ILogger logger, string schemaName, string oldTrack, string oldVersion, string oldSha256,
        string track, string version, string sha256);

    [LoggerMessage(1004, LogLevel.Warning, "Registry fetch of schema {SchemaName} failed ({ErrorType}); serving the last good validator: {HasValidator}")]
    public static partial void RegistryFetchFailed(this ILogger logger, string schemaName, string errorType, bool hasValidator, Exception exception);

    [LoggerMessage(1005, LogLevel.Warning,
        "Schema {SchemaName} is unavailable; its payloads are {Decision} (OnUnavailable={Behavior}) until it loads, next attempt in {RetryInterval}")]
    public static partial void UnavailableSchemaDecision(this ILogger logger, string schemaName, string decision, UnavailableSchemaBehavior behavior, TimeSpan retryInterval);

    [LoggerMessage(1006, LogLevel.Warning, "Skipped corrupt schema snapshot {Path}: {Reason}")]
    public static partial void SnapshotCorrupt(this ILogger logger, string path, string reason);

    [LoggerMessage(1007, LogLevel.Information, "Loaded schema {SchemaName} (track {Track}, version {Version}) from the disk snapshot")]
    public static partial void SnapshotLoaded(this ILogger logger, string schemaName, string track, string version);

    [LoggerMessage(1008, LogLevel.Warning, "Could not write the snapshot of schema {SchemaName}")]
    public static partial void SnapshotWriteFailed(this ILogger logger, string schemaName, Exception exception);

    [LoggerMessage(1009, LogLevel.Debug, "Polled the registry index: {Changed} of {Tracked} cached schema(s) changed")]
    public static partial void IndexPolled(this ILogger logger, int changed, int tracked);

    [LoggerMessage(1010, LogLevel.Warning, "Registry index poll failed ({ErrorType}); cached validators keep serving")]
    public static partial void IndexPollFailed(this ILogger logger, string errorType, Exception exception);

    [LoggerMessage(1011, LogLevel.Information, "Schema {SchemaName} changed in the registry index (track {Track}, sha256 {Sha256}); refetching")]
    public static partial void IndexChangeDetected(this ILogger logger, string schemaName, string track, string sha256);

    [LoggerMessage(1012, LogLevel.Information, "Schema enforcement is now {State}, mode {Mode}")]
    public static partial void EnforcementChangedCore(this ILogger logger, string state, EnforcementMode mode);

    public static void EnforcementChanged(this ILogger logger, bool enabled, EnforcementMode mode) =>
        logger.EnforcementChangedCore(enabled ? "enabled" : "disabled", mode);

    [LoggerMessage(1013, LogLevel.Debug, "Evicted schema {SchemaName} from the cache (least recently used; limit {MaxCachedSchemas})")]
    public static partial void SchemaEvicted(this ILogger logger, string schemaName, int maxCachedSchemas);

    [LoggerMessage(1014, LogLevel.Error, "The registry served schema {SchemaName} (track {Track}, version {Version}) that does not compile; keeping the last good validator")]
    public static partial void SchemaCompileFailed(this ILogger logger, string schemaName, string track, string version, Exception exception);

    [LoggerMessage(1015, LogLevel.Information, "Preloaded {Loaded} of {Requested} critical schema(s)")]
    public static partial void Preloaded(this ILogger logger, int loaded, int requested);

    [LoggerMessage(1016, LogLevel.Warning, "The registry is unreachable at start-up; seeded {Count} schema(s) from the disk snapshot in {Directory}")]
    public static partial void SeededFromSnapshot(this ILogger logger, int count, string directory);

    [LoggerMessage(1017, LogLevel.Warning, "Validating against schema {SchemaName} threw; the payload is treated as if the schema were unavailable")]
    public static partial void ValidatorThrew(this ILogger logger, string schemaName, Exception exception);

    [LoggerMessage(1018, LogLevel.Error, "Critical schema preload failed unexpectedly; start-up continues")]
    public static partial void PreloadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(1019, LogLevel.Warning, "Schema {SchemaName} does not exist in the registry (track {Track}); the payload is treated as invalid ({Mode} mode)")]
    public static partial void SchemaDoesNotExist(this ILogger logger, string schemaName, string track, EnforcementMode mode);

    [LoggerMessage(1020, LogLevel.Warning, "Configuration reload refused, the last valid schema enforcement options stay in force: {Failures}")]
    public static partial void ConfigurationReloadRefused(this ILogger logger, string failures);
}
