using CoreRegistryClient.Samples.Pipeline.Processing;

namespace CoreRegistryClient.Samples.Tests.Pipeline;

/// <summary>The two stretches of a run. The clock is the real one: the warm-up pause polls the JIT on it.</summary>
public class ThroughputMeterTests
{
    private static async Task<ThroughputMeter> RunAsync(long? expected, bool stop = true)
    {
        var meter = new ThroughputMeter(TimeProvider.System, expected);
        for (var i = 1; i <= 10; i++)
        {
            meter.Delivered();
            if (meter.PausesAfter(i) && i < meter.WarmUp)
            {
                // Halfway through the warm-up: a pause, not yet the steady stretch.
                await meter.PauseAsync(i, CancellationToken.None);
                Assert.That(meter.Steady, Is.Null);
            }

            if (i == meter.WarmUp)
            {
                // Within a batch: delivered 1..5, completed 1..4 so far; the 5th is completed after the warm-up.
                for (var j = 1; j < i; j++)
                {
                    meter.Completed();
                }

                Assert.That(meter.PausesAfter(i), Is.True);
                await meter.PauseAsync(i, CancellationToken.None);
                meter.Completed();
            }
            else if (i > 5 || meter.WarmUp is null)
            {
                meter.Completed();
            }
        }

        if (stop)
        {
            meter.Stopped();
        }

        return meter;
    }

    [Test]
    public async Task The_steady_stretch_is_the_messages_delivered_after_the_warm_up_and_the_whole_stretch_leaves_the_pauses_out()
    {
        var meter = await RunAsync(expected: 10);
        Assert.Multiple(() =>
        {
            Assert.That(meter.WarmUp, Is.EqualTo(5));
            Assert.That(meter.Whole!.Messages, Is.EqualTo(10));
            Assert.That(meter.Steady!.Messages, Is.EqualTo(5));

            // Each of the two pauses (after 2 and after 5) lasts at least the 1 s the JIT must stay quiet; neither
            // stretch's wall time contains them.
            Assert.That(meter.Whole.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(meter.Steady.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(meter.Steady.Cpu, Is.Not.Null.And.LessThanOrEqualTo(meter.Whole.Cpu!.Value));
            Assert.That(meter.Steady.JitCompiled, Is.Not.Null.And.InRange(0, meter.Whole.JitCompiled!.Value));
            Assert.That(meter.Steady.AllocatedBytes, Is.Not.Null.And.InRange(0, meter.Whole.AllocatedBytes!.Value));
        });
    }

    [Test]
    public async Task Without_an_expected_count_there_is_no_warm_up_and_no_steady_stretch()
    {
        var meter = await RunAsync(expected: null);
        Assert.Multiple(() =>
        {
            Assert.That(meter.WarmUp, Is.Null);
            Assert.That(meter.Whole!.Messages, Is.EqualTo(10));
            Assert.That(meter.Steady, Is.Null);
        });
    }

    [Test]
    public async Task Before_the_consumer_stopped_cpu_allocations_and_compiles_are_unknown()
    {
        var meter = await RunAsync(expected: 10, stop: false);
        Assert.Multiple(() =>
        {
            Assert.That(meter.Steady!.Messages, Is.EqualTo(5));
            Assert.That(meter.Steady.Cpu, Is.Null);
            Assert.That(meter.Steady.JitCompiled, Is.Null);
            Assert.That(meter.Steady.AllocatedBytes, Is.Null);
        });
    }

    [Test]
    public async Task A_shutdown_during_the_warm_up_pause_leaves_no_steady_stretch()
    {
        var meter = new ThroughputMeter(TimeProvider.System, 10);
        meter.Delivered();
        meter.Completed();
        await meter.PauseAsync(5, new CancellationToken(canceled: true));
        meter.Stopped();
        Assert.Multiple(() =>
        {
            Assert.That(meter.Whole!.Messages, Is.EqualTo(1));
            Assert.That(meter.Steady, Is.Null);
        });
    }
}
