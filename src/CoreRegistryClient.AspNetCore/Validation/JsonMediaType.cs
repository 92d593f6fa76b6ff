using Microsoft.Net.Http.Headers;

namespace CoreRegistryClient.AspNetCore.Validation;

/// <summary>Which request media types are validated: <c>application/json</c> and any <c>*/*+json</c>, in UTF-8
/// (no charset, or <c>utf-8</c>), since the body is validated as UTF-8 bytes.</summary>
internal static class JsonMediaType
{
    public static bool IsUtf8Json(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        // Nearly every request says one of these two: answered without parsing (a parse allocates a header value).
        if (contentType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Equals("application/json; charset=utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        var isJson = media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
        if (!isJson) return false;
        // A parameter value may be quoted (RFC 9110 5.6.6): charset="utf-8" is utf-8.
        var charset = HeaderUtilities.RemoveQuotes(media.Charset);
        return !charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
