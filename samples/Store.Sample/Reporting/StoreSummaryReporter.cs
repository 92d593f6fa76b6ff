using System.Globalization;
using CoreRegistryClient.Samples.Backpressure;
using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Store.Drift;
using CoreRegistryClient.Samples.Store.Feedback;
using CoreRegistryClient.Samples.Store.Publishing;

namespace CoreRegistryClient.Samples.Store.Reporting;

/// <summary>The store's summary line: publishing counters, backpressure and drift.</summary>
internal sealed class StoreSummaryReporter(StoreCounters counters, FeedbackSimulator simulator, DriftBoard drift, BusDriftEventPublisher driftEvents, StoreSettings settings, TimeProvider time, TextWriter output)
    : PeriodicSummaryReporter(settings.SummaryInterval, time, output)
{
    public override string Line()
    {
        var drifted = drift.Drifted()?.ToString(CultureInfo.InvariantCulture) ?? "?";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"store: produced={counters.Produced} published={counters.Published} warned={counters.Warned} rejected={counters.Rejected} failed={counters.Failed} backpressure={simulator.WorstLevel.Name()} drift-runs={drift.Runs} drifted={drifted} drift-events={driftEvents.Published}");
    }
}
