using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Tests.TestSupport;

/// <summary>Reading captured logs (<see cref="FakeLogCollector"/>) the way the tests ask: by event id, and as all the
/// text a structured exporter would ship (message, state values, exception), for "never appears in a log" checks.
/// One file, compiled into each test project that captures logs (see its .csproj).</summary>
internal static class FakeLogs
{
    /// <summary>A collector and a factory that feeds it (every level).</summary>
    public static (FakeLogCollector Collector, ILoggerFactory Factory) Create()
    {
        var collector = new FakeLogCollector();
        var factory = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Trace));
        return (collector, factory);
    }

    extension(FakeLogCollector logs)
    {
        public IReadOnlyList<FakeLogRecord> Entries => logs.GetSnapshot();

        public IEnumerable<FakeLogRecord> WithEventId(int id) => logs.GetSnapshot().Where(e => e.Id.Id == id);

        /// <summary>Errors with an exception attached, the way hosts report unhandled exceptions (Kestrel's
        /// "Connection id ... An unhandled exception was thrown by the application", the exception handler's, ...).</summary>
        public IEnumerable<FakeLogRecord> UnhandledExceptions => logs.GetSnapshot().Where(e => e.Level >= LogLevel.Error && e.Exception is not null);

        public string AllText => string.Join("\n", logs.GetSnapshot().Select(e => e.AllText));
    }

    extension(FakeLogRecord record)
    {
        public EventId EventId => record.Id;

        /// <summary>The message, every structured state value (collections element by element) and the exception.</summary>
        public string AllText => $"{record.Message} {string.Join("; ", (record.StructuredState ?? []).Select(p => $"{p.Key}={p.Value}"))} {record.Exception}";

        public bool Contains(string text) => record.AllText.Contains(text, StringComparison.Ordinal);
    }
}
