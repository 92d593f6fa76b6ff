using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.AspNetCore.Telemetry;

/// <summary>Every log record of HTTP validation, event ids 1100-1199 (the SDK's are 1000-1099); the catalogue is in
/// docs/http-validation.md. None carries a payload value or a header value.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, EventName = "RequestValidated", Level = LogLevel.Debug,
        Message = "Request to {Endpoint} validated against {SchemaName} in {Mode} mode: {Result}, {ErrorCount} error(s), canary {Canary}")]
    public static partial void RequestValidated(this ILogger logger, string endpoint, string schemaName, string mode, string result, int errorCount, bool canary);

    [LoggerMessage(EventId = 1101, EventName = "RequestRejected", Level = LogLevel.Information,
        Message = "Request to {Endpoint} rejected with {StatusCode} by {SchemaName} ({Result}, {ErrorCount} error(s), first '{Keyword}' at '{InstanceLocation}'), canary {Canary}")]
    public static partial void RequestRejected(this ILogger logger, string endpoint, int statusCode, string schemaName, string result, int errorCount,
        string? keyword, string? instanceLocation, bool canary);

    [LoggerMessage(EventId = 1102, EventName = "SchemaMissing", Level = LogLevel.Error,
        Message = "Endpoint {Endpoint} validates against schema {SchemaName}, which does not exist in the registry: a server misconfiguration ({Mode} mode)")]
    public static partial void SchemaMissing(this ILogger logger, string endpoint, string schemaName, string mode);

    [LoggerMessage(EventId = 1103, EventName = "RequestNotValidated", Level = LogLevel.Debug,
        Message = "Request to {Endpoint} not validated: {Reason}")]
    public static partial void RequestNotValidated(this ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 1104, EventName = "BodyUnreadable", Level = LogLevel.Debug,
        Message = "Request body to {Endpoint} could not be read ({Reason}); the request ends here")]
    public static partial void BodyUnreadable(this ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 1105, EventName = "ConfigurationReloadRefused", Level = LogLevel.Warning,
        Message = "HTTP validation configuration reload refused, the last valid settings stay in force: {Failures}")]
    public static partial void ConfigurationReloadRefused(this ILogger logger, string failures);

    [LoggerMessage(EventId = 1106, EventName = "PolicyChanged", Level = LogLevel.Information,
        Message = "HTTP validation policy is now: {Policy}")]
    public static partial void PolicyChanged(this ILogger logger, string policy);

    [LoggerMessage(EventId = 1107, EventName = "ValidationFailedUnexpectedly", Level = LogLevel.Error,
        Message = "Validating a request to {Endpoint} against {SchemaName} failed unexpectedly; treated as an unavailable schema")]
    public static partial void ValidationFailedUnexpectedly(this ILogger logger, string endpoint, string schemaName, Exception exception);
}
