using CoreRegistryClient.Registry;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Drift;

/// <summary>Drift reporter and drift monitor log records, event ids 4100-4199 (the catalogue is in docs/metrics.md).</summary>
internal static partial class DriftLog
{
    [LoggerMessage(EventId = 4100, EventName = "DriftDetected", Level = LogLevel.Warning, Message = "Schema {Schema} on track {Track} is {Status} ({Classification})")]
    public static partial void DriftDetected(this ILogger logger, string schema, string track, DriftStatus status, string classification);

    [LoggerMessage(EventId = 4101, EventName = "DriftRegistryUnavailable", Level = LogLevel.Warning, Message = "Registry unavailable for the drift report on track {Track}: statuses are unknown ({ErrorKind})")]
    public static partial void RegistryUnavailable(this ILogger logger, string track, RegistryErrorKind errorKind, Exception exception);

    [LoggerMessage(EventId = 4102, EventName = "DriftSchemaFetchFailed", Level = LogLevel.Warning, Message = "Could not fetch {Schema} on track {Track} for the drift report ({ErrorKind})")]
    public static partial void SchemaFetchFailed(this ILogger logger, string schema, string track, RegistryErrorKind errorKind, Exception exception);

    [LoggerMessage(EventId = 4103, EventName = "DriftCompatibilityCheckUnavailable", Level = LogLevel.Debug, Message = "Registry compatibility check unavailable for {Schema} {FromVersion} -> {ToVersion}; the structural diff decides ({ErrorKind})")]
    public static partial void CompatibilityCheckUnavailable(this ILogger logger, string schema, string fromVersion, string toVersion, RegistryErrorKind errorKind);

    [LoggerMessage(EventId = 4104, EventName = "DriftEventPublishFailed", Level = LogLevel.Warning, Message = "Publishing the drift event for {Schema} failed; the report is unaffected ({ErrorType})")]
    public static partial void EventPublishFailed(this ILogger logger, string schema, string errorType, Exception exception);

    [LoggerMessage(EventId = 4105, EventName = "DriftLocalSchemaUnreadable", Level = LogLevel.Warning, Message = "Local schema copy {Schema} cannot be compared: {Reason}")]
    public static partial void LocalSchemaUnreadable(this ILogger logger, string schema, string reason);

    [LoggerMessage(EventId = 4106, EventName = "DriftMonitorRunCompleted", Level = LogLevel.Information, Message = "Drift monitor run finished: {Reports} report(s), {Drifted} drifted, {Unknown} unknown, {Failed} director(ies) not compared")]
    public static partial void MonitorRunCompleted(this ILogger logger, int reports, int drifted, int unknown, int failed);

    [LoggerMessage(EventId = 4107, EventName = "DriftMonitorDirectoryFailed", Level = LogLevel.Error, Message = "Drift monitor could not compare {Directory}: {Reason}")]
    public static partial void MonitorDirectoryFailed(this ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 4108, EventName = "DriftMonitorRunFailed", Level = LogLevel.Error, Message = "Drift monitor run failed ({ErrorType}); the next scheduled run tries again")]
    public static partial void MonitorRunFailed(this ILogger logger, string errorType, Exception exception);

    [LoggerMessage(EventId = 4109, EventName = "DriftMonitorNextRun", Level = LogLevel.Debug, Message = "Drift monitor: next run at {NextRun:O}")]
    public static partial void MonitorNextRun(this ILogger logger, DateTimeOffset nextRun);
}
