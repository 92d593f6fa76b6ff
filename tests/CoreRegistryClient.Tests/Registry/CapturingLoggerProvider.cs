using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Tests.Registry;

/// <summary>Keeps every log entry (message, state values, exception text) so tests can search them.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(pair => $"{pair.Key}={Render(pair.Value)}"))
                : string.Empty;
            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), values, exception?.ToString()));
        }

        // Structured exporters write collection values element by element (e.g. header values are string[]).
        private static string? Render(object? value) => value switch
        {
            string text => text,
            System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Render)) + "]",
            _ => value?.ToString(),
        };
    }
}

internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, string StateValues, string? Exception)
{
    public bool Contains(string text) =>
        Message.Contains(text, StringComparison.Ordinal)
        || StateValues.Contains(text, StringComparison.Ordinal)
        || (Exception?.Contains(text, StringComparison.Ordinal) ?? false);
}
