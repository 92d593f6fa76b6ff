namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>URI-reference resolution for <c>$id</c> and <c>$ref</c> (RFC 3986), tolerant of non-hierarchical
/// schemes such as <c>urn:</c> and <c>tag:</c> where <see cref="Uri"/> cannot combine.</summary>
internal static class UriTools
{
    public static bool IsAbsolute(string reference)
    {
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(reference[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = reference[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Resolves <paramref name="reference"/> against <paramref name="baseUri"/> (an absolute URI without fragment).</summary>
    public static string Resolve(string baseUri, string reference)
    {
        if (IsAbsolute(reference))
        {
            return Normalize(reference);
        }

        if (reference.Length == 0)
        {
            return baseUri;
        }

        if (reference[0] == '#')
        {
            return StripFragment(baseUri) + reference;
        }

        if (Uri.TryCreate(baseUri, UriKind.Absolute, out var b) && !IsOpaque(baseUri)
            && Uri.TryCreate(b, reference, out var combined))
        {
            return Normalize(combined.AbsoluteUri);
        }

        return reference;
    }

    public static string StripFragment(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? uri : uri[..hash];
    }

    /// <summary>Splits into the URI without fragment and the (percent-decoded) fragment, <c>""</c> when absent.</summary>
    public static (string Uri, string Fragment) Split(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (uri, "") : (uri[..hash], Uri.UnescapeDataString(uri[(hash + 1)..]));
    }

    /// <summary>A canonical form so equal URIs compare equal as strings (scheme/host case, default ports, empty fragment).</summary>
    public static string Normalize(string uri)
    {
        if (uri.EndsWith('#'))
        {
            uri = uri[..^1];
        }

        if (!IsOpaque(uri) && Uri.TryCreate(uri, UriKind.Absolute, out var u))
        {
            var text = u.AbsoluteUri;
            return text.EndsWith('#') ? text[..^1] : text;
        }

        return uri;
    }

    private static bool IsOpaque(string uri)
        => uri.StartsWith("urn:", StringComparison.OrdinalIgnoreCase)
        || uri.StartsWith("tag:", StringComparison.OrdinalIgnoreCase)
        || (IsAbsolute(uri) && !uri.Contains("://", StringComparison.Ordinal) && !uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase));
}
