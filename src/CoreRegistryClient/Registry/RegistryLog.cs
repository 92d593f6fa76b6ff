using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Registry;

/// <summary>Registry client log messages (event ids 2000-2099; the catalogue is in docs/metrics.md). Endpoints are logged as API-relative paths, never
/// with the base URL or any header, so neither the token nor credentials in the URL can reach a log.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 2000, EventName = "RegistryCallStarted", Level = LogLevel.Debug,
        Message = "Registry call {Operation} started: {Method} /{Path}")]
    public static partial void CallStarted(this ILogger logger, string operation, string method, string path);

    [LoggerMessage(EventId = 2001, EventName = "RegistryCallSucceeded", Level = LogLevel.Debug,
        Message = "Registry call {Operation} succeeded with {StatusCode} in {ElapsedMilliseconds} ms: {Method} /{Path}")]
    public static partial void CallSucceeded(this ILogger logger, string operation, int statusCode, double elapsedMilliseconds, string method, string path);

    [LoggerMessage(EventId = 2002, EventName = "RegistryCallFailed", Level = LogLevel.Warning,
        Message = "Registry call {Operation} failed ({ErrorKind}, status {StatusCode}) after {ElapsedMilliseconds} ms: {Method} /{Path}")]
    public static partial void CallFailed(this ILogger logger, Exception exception, string operation, RegistryErrorKind errorKind, int? statusCode, double elapsedMilliseconds, string method, string path);

    [LoggerMessage(EventId = 2003, EventName = "RegistrySchemaNotFound", Level = LogLevel.Debug,
        Message = "Registry call {Operation} found nothing (404): {Method} /{Path}")]
    public static partial void NotFound(this ILogger logger, string operation, string method, string path);

    [LoggerMessage(EventId = 2004, EventName = "RegistryRetry", Level = LogLevel.Information,
        Message = "Registry call {Operation} attempt {Attempt} failed ({Reason}); retrying in {DelayMilliseconds} ms")]
    public static partial void Retrying(this ILogger logger, string operation, int attempt, string reason, double delayMilliseconds);

    [LoggerMessage(EventId = 2005, EventName = "RegistryCircuitOpened", Level = LogLevel.Warning,
        Message = "Registry circuit opened after repeated failures ({Reason}); calls fail fast for {BreakSeconds} s")]
    public static partial void CircuitOpened(this ILogger logger, string reason, double breakSeconds);

    [LoggerMessage(EventId = 2006, EventName = "RegistryCircuitHalfOpened", Level = LogLevel.Information,
        Message = "Registry circuit half-open: the next call probes the registry")]
    public static partial void CircuitHalfOpened(this ILogger logger);

    [LoggerMessage(EventId = 2007, EventName = "RegistryCircuitClosed", Level = LogLevel.Information,
        Message = "Registry circuit closed: the registry answers again")]
    public static partial void CircuitClosed(this ILogger logger);

    [LoggerMessage(EventId = 2008, EventName = "RegistryNameFallback", Level = LogLevel.Debug,
        Message = "Registry call {Operation}: /{Path} not found, trying /{AlternatePath}")]
    public static partial void NameFallback(this ILogger logger, string operation, string path, string alternatePath);

    [LoggerMessage(EventId = 2009, EventName = "RegistryNotConfigured", Level = LogLevel.Warning,
        Message = "Registry call {Operation} not sent: {Problem}")]
    public static partial void NotConfigured(this ILogger logger, string operation, string problem);

    [LoggerMessage(EventId = 2010, EventName = "RegistryRedirectRefused", Level = LogLevel.Warning,
        Message = "Registry call {Operation} was redirected to another origin and the redirect was refused (AllowCrossOriginRedirects is off): {Method} /{Path}")]
    public static partial void RedirectRefused(this ILogger logger, string operation, string method, string path);
}
