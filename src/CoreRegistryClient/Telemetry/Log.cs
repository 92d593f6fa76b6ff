using CoreRegistryClient.Enforcement;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Telemetry;

/// <summary>The SDK's log records, event ids 1000-1099 (the catalogue is in docs/metrics.md). None carries a payload
/// value or a token.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, EventName = "ValidationFailedInWarnMode", Level = LogLevel.Warning,
        Message = "Payload failed schema {SchemaName} (track {Track}, version {Version}) in warn mode: {ErrorCount} error(s), first '{Keyword}' at '{InstanceLocation}' ({KeywordLocation})")]
    public static partial void ValidationFailedInWarnMode(this ILogger logger, string schemaName, string? track, string? version,
        int errorCount, string? keyword, string? instanceLocation, string? keywordLocation);

    [LoggerMessage(EventId = 1001, EventName = "ValidationRejected", Level = LogLevel.Error,
        Message = "Payload rejected by schema {SchemaName} (track {Track}, version {Version}) in strict mode: {ErrorCount} error(s), first '{Keyword}' at '{InstanceLocation}' ({KeywordLocation})")]
    public static partial void ValidationRejected(this ILogger logger, string schemaName, string? track, string? version,
        int errorCount, string? keyword, string? instanceLocation, string? keywordLocation);

    [LoggerMessage(EventId = 1002, EventName = "SchemaFetched", Level = LogLevel.Information,
        Message = "Fetched schema {SchemaName} from track {Track} (requested {RequestedTrack}), version {Version}, sha256 {Sha256}")]
    public static partial void SchemaFetched(this ILogger logger, string schemaName, string track, string requestedTrack, string version, string sha256);

    [LoggerMessage(EventId = 1003, EventName = "SchemaSwapped", Level = LogLevel.Information,
        Message = "Swapped schema {SchemaName}: track {OldTrack} version {OldVersion} (sha256 {OldSha256}) -> track {Track} version {Version} (sha256 {Sha256})")]
    public static partial void SchemaSwapped(this ILogger logger, string schemaName, string oldTrack, string oldVersion, string oldSha256,
        string track, string version, string sha256);

    [LoggerMessage(EventId = 1004, EventName = "RegistryFetchFailed", Level = LogLevel.Warning,
        Message = "Registry fetch of schema {SchemaName} failed ({ErrorType}); {Consequence}")]
    public static partial void RegistryFetchFailed(this ILogger logger, string schemaName, string errorType, string consequence, Exception exception);

    [LoggerMessage(EventId = 1005, EventName = "UnavailableSchemaDecision", Level = LogLevel.Warning,
        Message = "Schema {SchemaName} is unavailable; its payloads are {Decision} (OnUnavailable={Behavior}) until it loads, next attempt in {RetryInterval}")]
    public static partial void UnavailableSchemaDecision(this ILogger logger, string schemaName, string decision, UnavailableSchemaBehavior behavior, TimeSpan retryInterval);

    [LoggerMessage(EventId = 1006, EventName = "SnapshotCorrupt", Level = LogLevel.Warning, Message = "Skipped corrupt schema snapshot {Path}: {Reason}")]
    public static partial void SnapshotCorrupt(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1007, EventName = "SnapshotLoaded", Level = LogLevel.Information,
        Message = "Loaded schema {SchemaName} (track {Track}, version {Version}) from the disk snapshot")]
    public static partial void SnapshotLoaded(this ILogger logger, string schemaName, string track, string version);

    [LoggerMessage(EventId = 1008, EventName = "SnapshotWriteFailed", Level = LogLevel.Warning, Message = "Could not write the snapshot of schema {SchemaName}")]
    public static partial void SnapshotWriteFailed(this ILogger logger, string schemaName, Exception exception);

    [LoggerMessage(EventId = 1009, EventName = "IndexPolled", Level = LogLevel.Debug, Message = "Polled the registry index: {Changed} of {Tracked} cached schema(s) changed")]
    public static partial void IndexPolled(this ILogger logger, int changed, int tracked);

    [LoggerMessage(EventId = 1010, EventName = "IndexPollFailed", Level = LogLevel.Warning, Message = "Registry index poll failed ({ErrorType}); cached validators keep serving")]
    public static partial void IndexPollFailed(this ILogger logger, string errorType, Exception exception);

    [LoggerMessage(EventId = 1011, EventName = "IndexChangeDetected", Level = LogLevel.Information,
        Message = "Schema {SchemaName} changed in the registry index (track {Track}, sha256 {Sha256}); refetching")]
    public static partial void IndexChangeDetected(this ILogger logger, string schemaName, string track, string sha256);

    [LoggerMessage(EventId = 1012, EventName = "EnforcementChanged", Level = LogLevel.Information, Message = "Schema enforcement is now {State}, mode {Mode}")]
    public static partial void EnforcementChangedCore(this ILogger logger, string state, EnforcementMode mode);

    public static void EnforcementChanged(this ILogger logger, bool enabled, EnforcementMode mode) =>
        logger.EnforcementChangedCore(enabled ? "enabled" : "disabled", mode);

    [LoggerMessage(EventId = 1013, EventName = "SchemaEvicted", Level = LogLevel.Debug,
        Message = "Evicted schema {SchemaName} from the cache (least recently used; limit {MaxCachedSchemas})")]
    public static partial void SchemaEvicted(this ILogger logger, string schemaName, int maxCachedSchemas);

    [LoggerMessage(EventId = 1014, EventName = "SchemaCompileFailed", Level = LogLevel.Error,
        Message = "The registry served schema {SchemaName} (track {Track}, version {Version}) that does not compile; keeping the last good validator")]
    public static partial void SchemaCompileFailed(this ILogger logger, string schemaName, string track, string version, Exception exception);

    [LoggerMessage(EventId = 1015, EventName = "Preloaded", Level = LogLevel.Information, Message = "Preloaded {Loaded} of {Requested} critical schema(s)")]
    public static partial void Preloaded(this ILogger logger, int loaded, int requested);

    [LoggerMessage(EventId = 1016, EventName = "SeededFromSnapshot", Level = LogLevel.Warning,
        Message = "The registry did not answer within the start-up budget; seeded {Count} schema(s) from the disk snapshot in {Directory}")]
    public static partial void SeededFromSnapshot(this ILogger logger, int count, string directory);

    [LoggerMessage(EventId = 1017, EventName = "ValidatorThrew", Level = LogLevel.Warning,
        Message = "Validating against schema {SchemaName} threw; the payload is treated as if the schema were unavailable")]
    public static partial void ValidatorThrew(this ILogger logger, string schemaName, Exception exception);

    [LoggerMessage(EventId = 1018, EventName = "PreloadFailed", Level = LogLevel.Error, Message = "Critical schema preload failed unexpectedly; start-up continues")]
    public static partial void PreloadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1019, EventName = "SchemaDoesNotExist", Level = LogLevel.Warning,
        Message = "Schema {SchemaName} does not exist in the registry (track {Track}); the payload is treated as invalid ({Mode} mode)")]
    public static partial void SchemaDoesNotExist(this ILogger logger, string schemaName, string track, EnforcementMode mode);

    [LoggerMessage(EventId = 1020, EventName = "ConfigurationReloadRefused", Level = LogLevel.Warning,
        Message = "Configuration reload refused, the last valid schema enforcement options stay in force: {Failures}")]
    public static partial void ConfigurationReloadRefused(this ILogger logger, string failures);

    [LoggerMessage(EventId = 1021, EventName = "SchemaHashMismatch", Level = LogLevel.Error,
        Message = "The registry served schema {SchemaName} (track {Track}, version {Version}) whose content does not match its sha256 {Sha256}; refused, the last good validator keeps serving")]
    public static partial void SchemaHashMismatch(this ILogger logger, string schemaName, string track, string version, string sha256);

    [LoggerMessage(EventId = 1022, EventName = "SchemaLoadTimedOut", Level = LogLevel.Warning,
        Message = "Loading schema {SchemaName} ran out of its {BudgetSeconds} s budget (REGISTRY_TIMEOUT); {Consequence}")]
    public static partial void SchemaLoadTimedOut(this ILogger logger, string schemaName, double budgetSeconds, string consequence);

    [LoggerMessage(EventId = 1023, EventName = "LogRecordsSuppressed", Level = LogLevel.Warning,
        Message = "Flood control suppressed {Count} record(s) of log event {SuppressedEventId} in the last {WindowSeconds} s (counted in schema_log_records_suppressed_total)")]
    public static partial void LogRecordsSuppressed(this ILogger logger, int count, int suppressedEventId, double windowSeconds);

    [LoggerMessage(EventId = 1024, EventName = "PreloadBudgetExceeded", Level = LogLevel.Warning,
        Message = "Start-up preload did not finish within its {BudgetSeconds} s budget (PreloadTimeout); start-up continues while {Pending} schema(s) keep loading")]
    public static partial void PreloadBudgetExceeded(this ILogger logger, double budgetSeconds, int pending);

    [LoggerMessage(EventId = 1025, EventName = "LoadPathWarmed", Level = LogLevel.Information,
        Message = "Warmed the schema load path (read, verify, compile, validate a built-in schema) in {ElapsedMilliseconds} ms")]
    public static partial void LoadPathWarmed(this ILogger logger, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1026, EventName = "LoadPathWarmupFailed", Level = LogLevel.Warning,
        Message = "Warming the schema load path failed; the first schema load compiles it instead")]
    public static partial void LoadPathWarmupFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1030, EventName = "NotificationApplied", Level = LogLevel.Information,
        Message = "Schema {SchemaName} refreshed on a schema.published notification: track {Track}, version {Version}, sha256 {Sha256}, {LagMilliseconds} ms after it was published (-1: unknown)")]
    public static partial void NotificationApplied(this ILogger logger, string schemaName, string track, string version, string sha256, double lagMilliseconds);

    [LoggerMessage(EventId = 1031, EventName = "NotificationIgnored", Level = LogLevel.Debug,
        Message = "Ignored a schema.published notification for {SchemaName} (track {Track}): {Reason}")]
    public static partial void NotificationIgnored(this ILogger logger, string schemaName, string track, string reason);

    [LoggerMessage(EventId = 1032, EventName = "IndexCheckRequested", Level = LogLevel.Information,
        Message = "Schema notifications may have been missed; checking the registry index now")]
    public static partial void IndexCheckRequested(this ILogger logger);

    [LoggerMessage(EventId = 1033, EventName = "NotificationBusConnection", Level = LogLevel.Information,
        Message = "Schema notification bus {State}")]
    public static partial void NotificationBusConnection(this ILogger logger, string state);

    [LoggerMessage(EventId = 1034, EventName = "RegistryConnectionRewarmed", Level = LogLevel.Debug,
        Message = "Opened a new registry connection ahead of the next schema load (the last one was closed, failed or about to expire) in {ElapsedMilliseconds} ms")]
    public static partial void RegistryConnectionRewarmed(this ILogger logger, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1035, EventName = "RegistryConnectionRewarmFailed", Level = LogLevel.Information,
        Message = "Could not open a new registry connection ahead of the next schema load ({ErrorType}); next attempt in {BackoffSeconds} s")]
    public static partial void RegistryConnectionRewarmFailed(this ILogger logger, string errorType, double backoffSeconds);

    [LoggerMessage(EventId = 1036, EventName = "PollIntervalOutlivesCacheTtl", Level = LogLevel.Warning,
        Message = "The index poll interval, PollInterval (REGISTRY_POLL_SECONDS) = {PollIntervalSeconds} s, is not shorter than CacheTtl (REGISTRY_CACHE_TTL) = {CacheTtlSeconds} s / 1.1: cached schemas expire between polls and are fetched again once per TTL; poll at most every {LimitSeconds} s or raise CacheTtl")]
    public static partial void PollIntervalOutlivesCacheTtl(this ILogger logger, double pollIntervalSeconds, double cacheTtlSeconds, double limitSeconds);
}
