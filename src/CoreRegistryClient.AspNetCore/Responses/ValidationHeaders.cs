using System.Globalization;
using System.Text;
using CoreRegistryClient.AspNetCore.Policy;
using CoreRegistryClient.AspNetCore.Validation;
using CoreRegistryClient.Enforcement;
using Microsoft.AspNetCore.Http;

namespace CoreRegistryClient.AspNetCore.Responses;

/// <summary>The response headers that tell a client what validation found.</summary>
/// <remarks>
/// <c>Schema-Validation</c> is an RFC 8941 item: a result token with parameters, e.g.
/// <c>invalid;errors=3;schema="portfolio.AllocationRequest";version="1.2.0";track="v1";id="urn:…";mode=warn</c>.
/// A deprecated schema adds <c>deprecated=?1;note="…"</c> to it, <c>Deprecation: @&lt;unix seconds&gt;</c> (RFC 9745),
/// and, when configured, <c>Sunset</c> (RFC 8594) and <c>Link: &lt;…&gt;; rel="deprecation"</c>.
/// </remarks>
internal static class ValidationHeaders
{
    public const string Result = "Schema-Validation";
    public const string Deprecation = "Deprecation";
    public const string Sunset = "Sunset";

    public static string Describe(HttpValidationResult result, string schemaName, in SchemaValidationOutcome outcome, EnforcementMode mode, bool canary, int errorCount)
    {
        var text = new StringBuilder(128).Append(HttpValidationResults.Token(result));
        if (HttpValidationResults.Reason(result) is { } reason) text.Append(";reason=").Append(reason);
        if (result is HttpValidationResult.Invalid or HttpValidationResult.Malformed) text.Append(";errors=").Append(errorCount.ToString(CultureInfo.InvariantCulture));
        text.Append(";schema=");
        StructuredFieldText.AppendString(text, schemaName);
        if (outcome.Version is { } version)
        {
            text.Append(";version=");
            StructuredFieldText.AppendString(text, version);
        }

        if (outcome.NegotiatedTrack is { } track)
        {
            text.Append(";track=");
            StructuredFieldText.AppendString(text, track);
        }

        if (outcome.SchemaId is { } id)
        {
            text.Append(";id=");
            StructuredFieldText.AppendString(text, id);
        }

        text.Append(";mode=").Append(EnforcementModeText.Name(mode));
        if (canary) text.Append(";canary=?1");
        if (outcome.IsDeprecated)
        {
            text.Append(";deprecated=?1");
            if (outcome.DeprecationNote is { Length: > 0 } note)
            {
                text.Append(";note=");
                StructuredFieldText.AppendString(text, note);
            }
        }

        return text.ToString();
    }

    /// <summary>The <c>Deprecation</c>, and (when configured) <c>Sunset</c> and <c>Link</c> values for a deprecated schema.</summary>
    public static DeprecationHeaders DeprecationValues(in SchemaValidationOutcome outcome, SchemaDeprecationOptions? configured, DateTimeOffset firstSeen)
    {
        var date = configured?.Date ?? firstSeen;
        var deprecation = "@" + date.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var sunset = configured?.Sunset is { } at ? at.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture) : null;
        string? link = null;
        if (configured?.Link is { } uri)
        {
            var value = new StringBuilder().Append('<').Append(uri.AbsoluteUri).Append(">; rel=\"deprecation\"; type=\"text/html\"");
            if (outcome.DeprecationNote is { Length: > 0 } note)
            {
                value.Append("; title=");
                StructuredFieldText.AppendString(value, note);
            }

            link = value.ToString();
        }

        return new DeprecationHeaders(deprecation, sunset, link);
    }
}

/// <summary>The deprecation header values of one schema version, built once per endpoint rule.</summary>
internal sealed record DeprecationHeaders(string Deprecation, string? Sunset, string? Link)
{
    public void AddTo(IHeaderDictionary headers)
    {
        headers[ValidationHeaders.Deprecation] = Deprecation;
        if (Sunset is not null) headers[ValidationHeaders.Sunset] = Sunset;
        if (Link is not null) headers.Append("Link", Link);
    }
}
