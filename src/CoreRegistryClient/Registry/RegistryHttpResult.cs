using System.Net;

namespace CoreRegistryClient.Registry;

/// <summary>What one HTTP attempt produced: the status, the buffered body (successful responses only), any
/// <c>Retry-After</c> and the <c>ETag</c> of a successful response. The response message itself is disposed inside the attempt.</summary>
internal sealed record RegistryHttpResult(HttpStatusCode StatusCode, byte[] Body, TimeSpan? RetryAfter, string? ETag = null)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and <= 299;

    /// <summary>Statuses worth retrying: the registry or something in front of it is overloaded or restarting.</summary>
    public bool IsTransient => IsTransientStatus(StatusCode);

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
