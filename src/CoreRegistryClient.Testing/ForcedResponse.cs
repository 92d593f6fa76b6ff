using System.Net;

namespace CoreRegistryClient.Testing;

/// <summary>A forced answer for requests whose path starts with <see cref="PathPrefix"/> (all when null),
/// for the next <see cref="Remaining"/> requests (all when null).</summary>
internal sealed class ForcedResponse(HttpStatusCode status, string? pathPrefix, int? times, TimeSpan? retryAfter, string? body)
{
    public HttpStatusCode Status { get; } = status;

    public string? PathPrefix { get; } = pathPrefix;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public string? Body { get; } = body;

    public int? Remaining { get; set; } = times;

    public bool Matches(string path) => PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.Ordinal);
}
