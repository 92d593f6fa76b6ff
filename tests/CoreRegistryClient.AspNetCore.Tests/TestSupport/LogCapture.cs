using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.AspNetCore.Tests.TestSupport;

internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

/// <summary>Every log line the app writes, to assert events and that nothing escaped as unhandled.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public IEnumerable<CapturedLog> WithEventId(int id) => Entries.Where(e => e.EventId.Id == id);

    /// <summary>Errors with an exception attached, the way hosts report unhandled exceptions (Kestrel's
    /// "Connection id ... An unhandled exception was thrown by the application", the exception handler's, ...).</summary>
    public IEnumerable<CapturedLog> UnhandledExceptions => Entries.Where(e => e.Level >= LogLevel.Error && e.Exception is not null);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
