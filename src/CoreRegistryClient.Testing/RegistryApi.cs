using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CoreRegistryClient.Registry;
using Microsoft.AspNetCore.Http;

namespace CoreRegistryClient.Testing;

/// <summary>The registry's HTTP API over an <see cref="InMemorySchemaRegistry"/>: routes by path segments (already
/// unescaped, so an escaped <c>/</c> inside a name stays inside the name) and writes the contract's JSON.</summary>
internal sealed class RegistryApi(InMemorySchemaRegistry registry, string? token, RegistryFaults faults, bool indexETags,
    Func<RegistrySchema, CancellationToken, Task>? published)
{
    private const string RegistryVersion = "0.1.0";

    public Task HandleAsync(HttpContext context, IReadOnlyList<string> segments)
    {
        var method = context.Request.Method;
        return segments switch
        {
            ["health"] => Get(context, method, WriteHealthAsync),
            ["index"] => Get(context, method, WriteIndexAsync),
            ["compat", "check"] => Get(context, method, WriteCompatibilityAsync),
            ["schemas", "by-id", var id] => Get(context, method, c => WriteSchemaAsync(c, registry.FindSchemaById(id), $"Schema id '{id}' not found")),
            ["schemas", var track, var name] => Get(context, method, c => WriteSchemaAsync(
                c,
                registry.FindSchema(track, name, c.Request.Query["version"].FirstOrDefault()),
                $"Schema '{name}' not found on track '{track}'")),
            ["schemas", var track, var name, "versions"] => Get(context, method, c => registry.FindVersions(track, name) is { } versions
                ? WriteJsonAsync(c, StatusCodes.Status200OK, versions, TestingJsonContext.Default.IReadOnlyListSchemaVersionInfo)
                : WriteDetailAsync(c, StatusCodes.Status404NotFound, $"Schema '{name}' not found on track '{track}'")),
            ["admin", "schemas"] => Admin(context, method, PublishAsync),
            ["admin", "sync"] => Admin(context, method, SyncAsync),
            ["admin", "telemetry"] => Admin(context, method, TelemetryAsync),
            _ => WriteDetailAsync(context, StatusCodes.Status404NotFound, "Not Found"),
        };
    }

    public static Task WriteDetailAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{\"detail\":\"" + JsonEncodedText.Encode(detail) + "\"}");
    }

    private static Task Get(HttpContext context, string method, Func<HttpContext, Task> handler) =>
        HttpMethods.IsGet(method) ? handler(context) : WriteDetailAsync(context, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed");

    private Task Admin(HttpContext context, string method, Func<HttpContext, Task> handler)
    {
        if (!HttpMethods.IsPost(method))
        {
            return WriteDetailAsync(context, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed");
        }

        if (token is not null)
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return WriteDetailAsync(context, StatusCodes.Status401Unauthorized, "Not authenticated");
            }

            if (!string.Equals(header["Bearer ".Length..].Trim(), token, StringComparison.Ordinal))
            {
                return WriteDetailAsync(context, StatusCodes.Status403Forbidden, "Invalid token");
            }
        }

        return handler(context);
    }

    private static async Task WriteHealthAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", "healthy");
            writer.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteStartObject("checks");
            writer.WriteEndObject();
            writer.WriteString("version", RegistryVersion);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The index, with a strong entity tag (the body's SHA-256: the body is byte-identical while the schemas are
    /// unchanged) and <c>304 Not Modified</c> for a request that already holds it.</summary>
    private async Task WriteIndexAsync(HttpContext context)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(registry.BuildIndex(), TestingJsonContext.Default.SchemaIndex);
        if (indexETags)
        {
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body)) + "\"";
            context.Response.Headers.ETag = etag;
            if (Matches(context.Request.Headers.IfNoneMatch.ToString(), etag))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary><c>If-None-Match</c> uses the weak comparison (RFC 9110 13.1.2): <c>*</c>, or any listed tag with the
    /// same opaque value, <c>W/</c> or not.</summary>
    private static bool Matches(string ifNoneMatch, string etag)
    {
        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var opaque = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
            if (opaque == "*" || string.Equals(opaque, etag, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private Task WriteCompatibilityAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string[] required = ["name", "from_track", "from_version", "to_track", "to_version"];
        var missing = required.Where(key => string.IsNullOrEmpty(query[key].FirstOrDefault())).ToList();
        if (missing.Count > 0)
        {
            return WriteDetailAsync(context, StatusCodes.Status422UnprocessableEntity, "Missing query parameters: " + string.Join(", ", missing));
        }

        var result = registry.EvaluateCompatibility(new CompatibilityQuery(query["name"]!, query["from_track"]!, query["from_version"]!, query["to_track"]!, query["to_version"]!));
        return WriteJsonAsync(context, StatusCodes.Status200OK, result, TestingJsonContext.Default.CompatibilityResult);
    }

    private Task WriteSchemaAsync(HttpContext context, RegistrySchema? schema, string notFound) =>
        schema is null
            ? WriteDetailAsync(context, StatusCodes.Status404NotFound, notFound)
            : WriteJsonAsync(context, StatusCodes.Status200OK, Faulted(schema), TestingJsonContext.Default.RegistrySchema);

    /// <summary>The schema as the content faults make the server serve it.</summary>
    private RegistrySchema Faulted(RegistrySchema schema)
    {
        if (faults.CatastrophicPattern)
        {
            using var document = JsonDocument.Parse(LoopbackRegistryServer.CatastrophicPatternSchema);
            schema = schema with { Content = document.RootElement.Clone(), Sha256 = InMemorySchemaRegistry.ComputeSha256(LoopbackRegistryServer.CatastrophicPatternSchema) };
        }

        return faults.WrongSha ? schema with { Sha256 = new string('0', 64) } : schema;
    }

    private async Task PublishAsync(HttpContext context)
    {
        var request = await ReadBodyAsync(context, TestingJsonContext.Default.PublishSchemaRequest).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.Track) || string.IsNullOrWhiteSpace(request.CoreVersion))
        {
            await WriteDetailAsync(context, StatusCodes.Status422UnprocessableEntity, "name, track and core_version are required").ConfigureAwait(false);
            return;
        }

        try
        {
            registry.Publish(request);
        }
        catch (ArgumentException exception)
        {
            await WriteDetailAsync(context, StatusCodes.Status422UnprocessableEntity, exception.Message).ConfigureAwait(false);
            return;
        }

        var stored = registry.FindSchema(request.Track, request.Name, request.CoreVersion)!;
        if (published is not null)
        {
            try
            {
                await published(stored, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                await WriteDetailAsync(context, StatusCodes.Status500InternalServerError, "The schema is stored; publishing its event failed").ConfigureAwait(false);
                return;
            }
        }

        await WriteJsonAsync(context, StatusCodes.Status201Created, stored, TestingJsonContext.Default.RegistrySchema).ConfigureAwait(false);
    }

    private async Task SyncAsync(HttpContext context)
    {
        var request = await ReadBodyAsync(context, TestingJsonContext.Default.SyncRequest).ConfigureAwait(false);
        if (request is not null)
        {
            registry.RecordSync(request);
            await WriteDetailAsync(context, StatusCodes.Status202Accepted, "sync accepted").ConfigureAwait(false);
        }
    }

    private async Task TelemetryAsync(HttpContext context)
    {
        var telemetryEvent = await ReadBodyAsync(context, TestingJsonContext.Default.TelemetryEvent).ConfigureAwait(false);
        if (telemetryEvent is not null)
        {
            registry.RecordTelemetry(telemetryEvent);
            await WriteDetailAsync(context, StatusCodes.Status202Accepted, "event recorded").ConfigureAwait(false);
        }
    }

    /// <summary>Reads a JSON body, or answers 422 and returns null when it is not the expected shape.</summary>
    private static async Task<T?> ReadBodyAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted).ConfigureAwait(false);
            if (value is not null)
            {
                return value;
            }
        }
        catch (JsonException)
        {
        }

        await WriteDetailAsync(context, StatusCodes.Status422UnprocessableEntity, "The body is not valid JSON of the expected shape").ConfigureAwait(false);
        return null;
    }

    private static async Task WriteJsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted).ConfigureAwait(false);
    }
}
