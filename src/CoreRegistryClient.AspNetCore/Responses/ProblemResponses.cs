using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using CoreRegistryClient.AspNetCore.Validation;
using CoreRegistryClient.Enforcement;
using Microsoft.AspNetCore.Http;

namespace CoreRegistryClient.AspNetCore.Responses;

/// <summary>Writes the RFC 9457 problem responses (<c>application/problem+json</c>). The shapes are those of
/// <c>docs/http-validation/*.schema.json</c>; messages name locations and keywords, never a value from the body.</summary>
internal static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    // A JSON API response, never embedded in HTML: quotes and apostrophes in messages stay readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int StatusOf(HttpValidationResult result) => result switch
    {
        HttpValidationResult.Invalid => StatusCodes.Status422UnprocessableEntity,
        HttpValidationResult.Malformed => StatusCodes.Status400BadRequest,
        HttpValidationResult.TooLarge => StatusCodes.Status413PayloadTooLarge,
        HttpValidationResult.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        HttpValidationResult.Unavailable => StatusCodes.Status503ServiceUnavailable,
        HttpValidationResult.SchemaNotFound => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status200OK,
    };

    /// <summary>Writes the problem for <paramref name="result"/>; false when the client is gone.</summary>
    public static async Task<bool> WriteAsync(HttpContext context, HttpValidationResult result, string schemaName, SchemaValidationOutcome outcome,
        IReadOnlyList<SchemaValidationError> errors, int maxErrors, long maxBodySize)
    {
        var response = context.Response;
        if (response.HasStarted) return false;
        response.StatusCode = StatusOf(result);
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        try
        {
            using (var json = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
            {
                json.WriteStartObject();
                var (type, title, detail) = Describe(result, schemaName, outcome, errors, maxBodySize);
                json.WriteString("type", type);
                json.WriteString("title", title);
                json.WriteNumber("status", response.StatusCode);
                json.WriteString("detail", detail);
                json.WriteString("instance", (context.Request.PathBase + context.Request.Path).ToUriComponent());
                WriteSchema(json, schemaName, outcome);
                json.WriteString("traceId", Activity.Current?.Id ?? context.TraceIdentifier);
                if (result == HttpValidationResult.Invalid) WriteErrors(json, errors, maxErrors);
                if (result == HttpValidationResult.Malformed) json.WriteString("reason", ReasonOf(outcome.ReadError));
                json.WriteEndObject();
            }

            await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    private static (string Type, string Title, string Detail) Describe(HttpValidationResult result, string schemaName, in SchemaValidationOutcome outcome,
        IReadOnlyList<SchemaValidationError> errors, long maxBodySize) => result switch
    {
        HttpValidationResult.Invalid => (SchemaValidationProblemTypes.InvalidBody, "The request body does not match its schema.",
            $"{errors.Count} error(s) against schema '{schemaName}'{VersionText(outcome)}."),
        HttpValidationResult.Malformed => (SchemaValidationProblemTypes.MalformedBody, "The request body is not well-formed JSON.",
            errors.Count > 0 ? errors[0].Message : "The request body could not be read as JSON."),
        HttpValidationResult.TooLarge => (SchemaValidationProblemTypes.BodyTooLarge, "The request body is too large.",
            $"This endpoint validates bodies of at most {maxBodySize} bytes."),
        HttpValidationResult.UnsupportedMediaType => (SchemaValidationProblemTypes.UnsupportedMediaType, "The request body is not JSON.",
            "This endpoint accepts UTF-8 JSON bodies: Content-Type application/json or */*+json."),
        HttpValidationResult.SchemaNotFound => (SchemaValidationProblemTypes.SchemaNotFound, "The server is misconfigured.",
            $"This endpoint validates against schema '{schemaName}', which the schema registry does not have."),
        _ => (SchemaValidationProblemTypes.SchemaUnavailable, "The request cannot be validated now.",
            $"Schema '{schemaName}' is unavailable (the schema registry cannot be reached) and this service rejects what it cannot validate."),
    };

    private static string VersionText(in SchemaValidationOutcome outcome) =>
        outcome.Version is { } version ? $" (version {version}, track {outcome.NegotiatedTrack})" : "";

    private static void WriteSchema(Utf8JsonWriter json, string schemaName, in SchemaValidationOutcome outcome)
    {
        json.WriteStartObject("schema");
        json.WriteString("name", schemaName);
        if (outcome.SchemaId is { } id) json.WriteString("id", id);
        if (outcome.NegotiatedTrack is { } track) json.WriteString("track", track);
        if (outcome.Version is { } version) json.WriteString("version", version);
        if (outcome.IsDeprecated) json.WriteBoolean("deprecated", true);
        json.WriteEndObject();
    }

    private static void WriteErrors(Utf8JsonWriter json, IReadOnlyList<SchemaValidationError> errors, int maxErrors)
    {
        json.WriteNumber("errorCount", errors.Count);
        json.WriteBoolean("errorsTruncated", errors.Count > maxErrors);
        json.WriteStartArray("errors");
        for (var i = 0; i < errors.Count && i < maxErrors; i++)
        {
            var error = errors[i];
            json.WriteStartObject();
            json.WriteString("instanceLocation", error.InstanceLocation);
            json.WriteString("keywordLocation", error.KeywordLocation);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string ReasonOf(PayloadReadError error) => error switch
    {
        PayloadReadError.InvalidUtf8 => "invalid_utf8",
        PayloadReadError.TooDeep => "too_deep",
        _ => "malformed_json",
    };
}
