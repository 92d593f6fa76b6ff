using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Tests.TestSupport;

/// <summary>Keeps every log line (level, event id, formatted message, exception text) for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public IEnumerable<CapturedLog> WithEventId(int id) => Entries.Where(e => e.EventId == id);

    /// <summary>All captured text, for "never appears in any log" assertions.</summary>
    public string AllText => string.Join("\n", Entries.Select(e => $"{e.Message} {e.Exception}"));

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue(new CapturedLog(category, logLevel, eventId.Id, formatter(state, exception), exception?.ToString()));
    }
}

internal sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Message, string? Exception);
