using CoreRegistryClient.Samples.Pipeline.Processing;
using Microsoft.Extensions.Time.Testing;

namespace CoreRegistryClient.Samples.Tests.Pipeline;

public class ThroughputMeterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero));

    // Ten messages: the first half takes 5 s (start-up), the second half 1 s.
    private ThroughputMeter Run(long? expected)
    {
        var meter = new ThroughputMeter(_time, expected);
        meter.Delivered();
        for (var i = 1; i <= 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(i <= 5 ? 1 : 0.2));
            meter.Delivered();
            meter.Completed();
        }

        meter.Stopped();
        return meter;
    }

    [Test]
    public void The_steady_stretch_is_the_second_half_and_the_whole_stretch_the_run()
    {
        var meter = Run(expected: 10);
        Assert.Multiple(() =>
        {
            Assert.That(meter.Whole!.Messages, Is.EqualTo(10));
            Assert.That(meter.Whole.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(6)));
            Assert.That(meter.Steady!.Messages, Is.EqualTo(5));
            Assert.That(meter.Steady.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(meter.Steady.MessagesPerSecond, Is.EqualTo(5).Within(1e-9));
            Assert.That(meter.Steady.Cpu, Is.Not.Null.And.GreaterThanOrEqualTo(TimeSpan.Zero));
            Assert.That(meter.Steady.AllocatedBytes, Is.Not.Null.And.GreaterThanOrEqualTo(0));
        });
    }

    [Test]
    public void Without_an_expected_count_there_is_no_steady_stretch()
    {
        var meter = Run(expected: null);
        Assert.Multiple(() =>
        {
            Assert.That(meter.Whole!.Messages, Is.EqualTo(10));
            Assert.That(meter.Steady, Is.Null);
        });
    }

    [Test]
    public void Before_the_consumer_stopped_cpu_and_allocations_are_unknown()
    {
        var meter = new ThroughputMeter(_time, 2);
        meter.Delivered();
        _time.Advance(TimeSpan.FromSeconds(1));
        meter.Completed();
        _time.Advance(TimeSpan.FromSeconds(1));
        meter.Completed();
        Assert.Multiple(() =>
        {
            Assert.That(meter.Steady!.Messages, Is.EqualTo(1));
            Assert.That(meter.Steady.Cpu, Is.Null);
            Assert.That(meter.Steady.AllocatedBytes, Is.Null);
        });
    }
}
