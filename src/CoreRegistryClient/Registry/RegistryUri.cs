namespace CoreRegistryClient.Registry;

/// <summary>Builds request URIs below a base URL that may carry a path prefix (<c>https://host/api/v1</c>).</summary>
internal static class RegistryUri
{
    /// <summary>Parses the configured registry URL, or returns null when it is missing or not absolute http(s).</summary>
    public static Uri? TryParseBase(string? registryUrl)
    {
        if (string.IsNullOrWhiteSpace(registryUrl)
            || !Uri.TryCreate(registryUrl.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return uri;
    }

    /// <summary>Appends an already escaped relative path (and query) to the base URL's path.</summary>
    /// <remarks><c>new Uri(base, relative)</c> would drop the last segment of a base path without a trailing slash
    /// (<c>/api/v1</c> + <c>index</c> = <c>/api/index</c>), so the join is done on strings. A query or fragment on
    /// the base URL is not carried over.</remarks>
    public static Uri Combine(Uri baseUri, string relativePathAndQuery)
    {
        var basePath = baseUri.AbsolutePath;
        var separator = basePath.EndsWith('/') ? string.Empty : "/";
        return new Uri(baseUri.GetLeftPart(UriPartial.Authority) + basePath + separator + relativePathAndQuery.TrimStart('/'));
    }

    /// <summary>Escapes one path segment (a track, name or id), so <c>/</c> or <c>?</c> in a name cannot change the route.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);
}
