using System.Reflection;
using CoreRegistryClient.Samples.Pipeline.Processing;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Samples.Tests.Operations;

/// <summary>Operators filter logs by event id; an id the samples share with the SDK would make a filter
/// for "registry call failed" also catch "handler failed".</summary>
public class LogEventIdTests
{
    private static readonly Assembly Sdk = typeof(ISchemaManager).Assembly;
    private static readonly Assembly[] Samples = [Assembly.Load("CoreRegistryClient.Samples.Shared"), typeof(FeedbackProcessor).Assembly];

    [Test]
    public void Sample_log_event_ids_do_not_collide_with_the_sdk_ids()
    {
        var sdkIds = EventIds(Sdk).ToHashSet();
        var sampleIds = Samples.SelectMany(EventIds).ToList();

        Assert.That(sdkIds, Is.Not.Empty);
        Assert.That(sampleIds, Is.Not.Empty.And.Unique);
        Assert.That(sampleIds.Where(sdkIds.Contains), Is.Empty);
    }

    [Test]
    public void Sample_log_event_ids_sit_outside_the_sdk_thousands() =>
        Assert.That(Samples.SelectMany(EventIds), Is.All.GreaterThanOrEqualTo(5000));

    private static IEnumerable<int> EventIds(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .Where(a => a is not null)
            .Select(a => a!.EventId);
}
