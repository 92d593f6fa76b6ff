namespace CoreRegistryClient.Testing;

/// <summary>A request the <see cref="LoopbackRegistryServer"/> received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path below the server's path prefix, e.g. <c>/schemas/v1/telemetry.FeedbackEvent</c>
/// (the full path when the request was outside the prefix).</param>
/// <param name="QueryString">The query string including its <c>?</c>, or empty.</param>
/// <param name="Authorization">The <c>Authorization</c> header as received, or null. It holds the token a client
/// sent: this is a test server, and tests assert on it.</param>
/// <param name="ReceivedAt">When the server received it.</param>
public sealed record RecordedRequest(string Method, string Path, string QueryString, string? Authorization, DateTimeOffset ReceivedAt)
{
    /// <summary>The <c>If-None-Match</c> header as received (a conditional GET), or null.</summary>
    public string? IfNoneMatch { get; init; }
}
