using CoreRegistryClient.Drift;

namespace CoreRegistryClient.Tests.Drift;

public class DriftScheduleTests
{
    private static readonly DateTimeOffset Morning = new(2026, 12, 5, 1, 30, 0, TimeSpan.Zero);

    [Test]
    public void The_daily_run_is_today_when_its_time_is_still_ahead() =>
        Assert.That(DriftSchedule.Next(Morning, null, null, new TimeOnly(2, 0)), Is.EqualTo(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero)));

    [Test]
    public void The_daily_run_is_tomorrow_at_or_after_its_time() =>
        Assert.That(DriftSchedule.Next(Morning.AddMinutes(30), Morning.AddMinutes(30), null, new TimeOnly(2, 0)), Is.EqualTo(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero)));

    [Test]
    public void The_daily_time_is_utc_whatever_the_offset_of_now() =>
        Assert.That(DriftSchedule.Next(new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.FromHours(2)), null, null, new TimeOnly(2, 0)), Is.EqualTo(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero)));

    [Test]
    public void The_interval_counts_from_the_last_run_or_from_now_before_the_first() =>
        Assert.That(
            (DriftSchedule.Next(Morning, Morning.AddMinutes(-4), TimeSpan.FromMinutes(5), null), DriftSchedule.Next(Morning, null, TimeSpan.FromMinutes(5), null)),
            Is.EqualTo((Morning.AddMinutes(1), Morning.AddMinutes(5))));

    [Test]
    public void With_both_the_earlier_wins() =>
        Assert.That(
            (DriftSchedule.Next(Morning, null, TimeSpan.FromHours(1), new TimeOnly(2, 0)), DriftSchedule.Next(Morning, null, TimeSpan.FromMinutes(10), new TimeOnly(2, 0))),
            Is.EqualTo((new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero), Morning.AddMinutes(10))));
}
