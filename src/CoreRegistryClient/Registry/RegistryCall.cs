namespace CoreRegistryClient.Registry;

/// <summary>One logical registry call: what to send and how to describe it in errors, logs and traces.</summary>
/// <param name="Operation">One of the <see cref="RegistryOperation"/> names.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The escaped path (and query) relative to the registry base URL, without a leading slash.</param>
/// <param name="Subject">What the call is about, for a 404 message (e.g. <c>schema 'x' on track 'v1'</c>).</param>
internal sealed record RegistryCall(string Operation, HttpMethod Method, string Path, string Subject)
{
    /// <summary>The path tried once when <see cref="Path"/> answers 404: the other <c>.schema</c> spelling of the name.</summary>
    public string? AlternatePath { get; init; }

    /// <summary>The UTF-8 JSON request body, if any.</summary>
    public byte[]? Body { get; init; }

    /// <summary>Whether the call needs the token (admin calls); without one it fails before anything is sent.</summary>
    public bool RequiresToken { get; init; }

    /// <summary>The schema name, for trace tags.</summary>
    public string? SchemaName { get; init; }

    /// <summary>An entity tag to send as <c>If-None-Match</c> (a conditional GET): a <c>304 Not Modified</c> answer is
    /// then a success with no body.</summary>
    public string? IfNoneMatch { get; init; }

    /// <summary>The track, for trace tags.</summary>
    public string? Track { get; init; }

    /// <summary>The endpoint as shown in messages: method and API-relative path, never the base URL.</summary>
    public string Describe(string path) => $"{Method.Method} /{path}";
}
