namespace CoreRegistryClient.Cli;

/// <summary>Where the registry is and how to talk to it, resolved from the common options and the environment.</summary>
/// <param name="Url">The registry base URL (may carry a path prefix such as <c>/api/v1</c>).</param>
/// <param name="Token">The bearer token, or null. Never printed.</param>
/// <param name="Timeout">Total time budget of one registry call, retries included.</param>
internal sealed record RegistrySettings(Uri Url, string? Token, TimeSpan Timeout)
{
    /// <summary>The URL to print or write into reports and metadata: without any user-info part (credentials).</summary>
    public string DisplayUrl { get; } = SchemaEnforcementOptions.RedactedUrl(Url.ToString())!;

    /// <summary>Redacts the token from the generated ToString, which a debugger or a log might show.</summary>
    public override string ToString() => $"RegistrySettings {{ Url = {DisplayUrl}, Token = {(Token is null ? "none" : "***")}, Timeout = {Timeout} }}";
}
