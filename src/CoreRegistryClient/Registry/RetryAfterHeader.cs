using System.Net.Http.Headers;

namespace CoreRegistryClient.Registry;

/// <summary>Reads <c>Retry-After</c> as a delay (both the seconds and the HTTP-date forms).</summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Read(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null)
        {
            return null;
        }

        var delay = header.Delta ?? (header.Date is { } date ? date - now : null);
        return delay is { } value && value < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    /// <summary>The delay to wait before retrying, capped at <paramref name="max"/>; null to use the computed backoff.</summary>
    public static TimeSpan? DelayFor(RegistryHttpResult? result, TimeSpan max)
    {
        if (result is not { RetryAfter: { } retryAfter }
            || result.StatusCode is not (System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        return retryAfter > max ? max : retryAfter;
    }
}
