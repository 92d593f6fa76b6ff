using CoreRegistryClient.Registry;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Drift;

/// <summary>Drift log messages. Event ids 4100-4199 belong to drift.</summary>
internal static partial class DriftLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Schema {Schema} on track {Track} is {Status} ({Classification})")]
    public static partial void DriftDetected(ILogger logger, string schema, string track, DriftStatus status, string classification);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Registry unavailable for the drift report on track {Track}: statuses are unknown ({ErrorKind})")]
    public static partial void RegistryUnavailable(ILogger logger, string track, RegistryErrorKind errorKind, Exception exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Could not fetch {Schema} on track {Track} for the drift report ({ErrorKind})")]
    public static partial void SchemaFetchFailed(ILogger logger, string schema, string track, RegistryErrorKind errorKind, Exception exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "Registry compatibility check unavailable for {Schema} {FromVersion} -> {ToVersion}; the structural diff decides ({ErrorKind})")]
    public static partial void CompatibilityCheckUnavailable(ILogger logger, string schema, string fromVersion, string toVersion, RegistryErrorKind errorKind);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Publishing the drift event for {Schema} failed; the report is unaffected ({ErrorType})")]
    public static partial void EventPublishFailed(ILogger logger, string schema, string errorType, Exception exception);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Local schema copy {Schema} cannot be compared: {Reason}")]
    public static partial void LocalSchemaUnreadable(ILogger logger, string schema, string reason);
}
