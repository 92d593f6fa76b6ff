using CoreRegistryClient.Caching;

namespace CoreRegistryClient.Tests.Caching;

public class CacheClockTests
{
    [Test]
    public void A_manual_clock_is_read_in_milliseconds_and_follows_advances()
    {
        var time = new FakeTimeProvider();
        var clock = new CacheClock(time);
        var before = clock.NowMilliseconds;
        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(time.GetTimestamp() / TimeSpan.TicksPerMillisecond - 1500));
            Assert.That(clock.NowMilliseconds - before, Is.EqualTo(1500));
        });
    }

    [Test]
    public void The_system_clock_reads_the_coarse_tick_count()
    {
        var clock = new CacheClock(TimeProvider.System);
        var before = Environment.TickCount64;
        var now = clock.NowMilliseconds;
        Assert.That(now, Is.InRange(before, Environment.TickCount64));
    }

    [TestCase(-5, 0L)]
    [TestCase(2.5, 2500L)]
    public void Durations_convert_to_milliseconds_and_never_go_negative(double seconds, long expected) =>
        Assert.That(CacheClock.Milliseconds(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));

    [Test]
    public void Huge_durations_saturate_instead_of_overflowing() =>
        Assert.That(CacheClock.Milliseconds(TimeSpan.MaxValue) + Environment.TickCount64, Is.Positive);
}
