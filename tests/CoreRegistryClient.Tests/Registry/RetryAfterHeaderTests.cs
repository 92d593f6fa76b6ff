using System.Net;
using System.Net.Http.Headers;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Tests.Registry;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Seconds_and_dates_are_read_as_delays()
    {
        Assert.That(RetryAfterHeader.Read(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now), Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(RetryAfterHeader.Read(new RetryConditionHeaderValue(Now.AddSeconds(30)), Now), Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(RetryAfterHeader.Read(new RetryConditionHeaderValue(Now.AddSeconds(-30)), Now), Is.EqualTo(TimeSpan.Zero));
        Assert.That(RetryAfterHeader.Read(null, Now), Is.Null);
    }

    [TestCase(HttpStatusCode.TooManyRequests, 3, 3)]
    [TestCase(HttpStatusCode.ServiceUnavailable, 3, 3)]
    [TestCase(HttpStatusCode.ServiceUnavailable, 600, 10)]
    public void Retry_After_on_429_and_503_sets_the_delay_within_the_bound(HttpStatusCode status, int seconds, int expectedSeconds)
    {
        var result = new RegistryHttpResult(status, [], TimeSpan.FromSeconds(seconds));

        Assert.That(RetryAfterHeader.DelayFor(result, TimeSpan.FromSeconds(10)), Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }

    [Test]
    public void Other_statuses_and_missing_headers_use_the_computed_backoff()
    {
        Assert.That(RetryAfterHeader.DelayFor(new RegistryHttpResult(HttpStatusCode.InternalServerError, [], TimeSpan.FromSeconds(3)), TimeSpan.FromSeconds(10)), Is.Null);
        Assert.That(RetryAfterHeader.DelayFor(new RegistryHttpResult(HttpStatusCode.ServiceUnavailable, [], null), TimeSpan.FromSeconds(10)), Is.Null);
        Assert.That(RetryAfterHeader.DelayFor(null, TimeSpan.FromSeconds(10)), Is.Null);
    }
}
