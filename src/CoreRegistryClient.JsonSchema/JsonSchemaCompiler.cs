using System.Collections.Concurrent;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Compilation;
using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema;

/// <summary>Compiles schemas into immutable, thread-safe <see cref="JsonSchemaValidator"/>s, resolving <c>$ref</c>s
/// against the embedded meta-schemas, documents registered here, and the optional
/// <see cref="JsonSchemaOptions.DocumentResolver"/>.</summary>
/// <remarks>Thread-safe: documents may be registered and schemas compiled concurrently.</remarks>
public sealed class JsonSchemaCompiler
{
    private static readonly ConcurrentDictionary<string, JsonSchemaValidator> s_embeddedMetaValidators = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonElement> _registered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonSchemaValidator> _customMetaValidators = new(StringComparer.Ordinal);

    /// <summary>Creates a compiler with the given options (or <see cref="JsonSchemaOptions.Default"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="JsonSchemaOptions.MaxDepth"/> is below 1, or
    /// <see cref="JsonSchemaOptions.RegexMatchTimeout"/> is not positive (nor infinite).</exception>
    public JsonSchemaCompiler(JsonSchemaOptions? options = null)
    {
        Options = options ?? JsonSchemaOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxDepth, 1, "options.MaxDepth");
        if (Options.RegexMatchTimeout <= TimeSpan.Zero && Options.RegexMatchTimeout != System.Text.RegularExpressions.Regex.InfiniteMatchTimeout)
        {
            throw new ArgumentOutOfRangeException("options.RegexMatchTimeout", Options.RegexMatchTimeout, "The regex match timeout must be positive or Regex.InfiniteMatchTimeout.");
        }
    }

    /// <summary>The options every schema compiled here uses.</summary>
    public JsonSchemaOptions Options { get; }

    /// <summary>Registers a schema document under <paramref name="uri"/> so <c>$ref</c>s can reach it.</summary>
    /// <exception cref="InvalidSchemaException">The text is not JSON.</exception>
    public void Register(Uri uri, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Register(uri, ParseDocument(json));
    }

    /// <summary>Registers a schema document under <paramref name="uri"/> so <c>$ref</c>s can reach it.</summary>
    public void Register(Uri uri, JsonElement document)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("Documents are registered under absolute URIs.", nameof(uri));
        }

        _registered[UriTools.Normalize(UriTools.StripFragment(uri.OriginalString))] = document.Clone();
    }

    /// <summary>Compiles schema JSON text.</summary>
    /// <param name="json">The schema.</param>
    /// <param name="baseUri">The retrieval URI used when the schema has no <c>$id</c>.</param>
    /// <exception cref="InvalidSchemaException">The schema is malformed, invalid against its meta-schema, or unresolvable.</exception>
    public JsonSchemaValidator Compile(string json, Uri? baseUri = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return CompileElement(ParseDocument(json), baseUri);
    }

    /// <summary>Compiles schema UTF-8 JSON bytes.</summary>
    /// <exception cref="InvalidSchemaException">The schema is malformed, invalid against its meta-schema, or unresolvable.</exception>
    public JsonSchemaValidator Compile(ReadOnlySpan<byte> utf8Json, Uri? baseUri = null)
    {
        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            using var document = JsonDocument.ParseValue(ref reader);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidSchemaException("The schema is not well-formed JSON.", "", null, e);
        }

        return CompileElement(root, baseUri);
    }

    /// <summary>Compiles a schema held as a <see cref="JsonElement"/>.</summary>
    /// <exception cref="InvalidSchemaException">The schema is invalid against its meta-schema or unresolvable.</exception>
    public JsonSchemaValidator Compile(JsonElement schema, Uri? baseUri = null) => CompileElement(schema.Clone(), baseUri);

    private static JsonElement ParseDocument(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidSchemaException("The schema is not well-formed JSON.", "", null, e);
        }
    }

    private JsonSchemaValidator CompileElement(JsonElement root, Uri? baseUri)
    {
        if (Options.ValidateSchema)
        {
            ValidateAgainstMetaSchema(root);
        }

        var retrieval = baseUri is { IsAbsoluteUri: true }
            ? UriTools.Normalize(UriTools.StripFragment(baseUri.OriginalString))
            : "https://schema.invalid/" + Guid.NewGuid().ToString("N") + "/schema.json";
        var builder = new SchemaGraphBuilder(Options, Lookup);
        var (node, location) = builder.CompileRoot(root, retrieval);
        var settings = new ValidatorSettings
        {
            IncludeValuesInMessages = Options.IncludeValuesInMessages,
            TrackScope = builder.UsesDynamicScope,
            RootPointerLength = 0,
            MaxRefDepth = 4096,
        };
        var canonical = Uri.TryCreate(location.Resource.BaseUri, UriKind.Absolute, out var u) ? u : new Uri(retrieval);
        return new JsonSchemaValidator(node, settings, location.Draft, canonical, Options);
    }

    private JsonElement? Lookup(string uri) => _registered.TryGetValue(uri, out var document) ? document : null;

    private void ValidateAgainstMetaSchema(JsonElement root)
    {
        var metaUri = Drafts.MetaSchemaUri(Options.DefaultDraft);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$schema", out var declared) && declared.ValueKind == JsonValueKind.String)
        {
            var text = UriTools.Normalize(declared.GetString()!);
            metaUri = Drafts.FromMetaSchemaUri(text) is { } draft ? Drafts.MetaSchemaUri(draft) : text;
        }

        var meta = MetaValidator(metaUri);
        if (meta is null)
        {
            return; // an unresolvable custom $schema is reported by the compilation itself
        }

        var bytes = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(root);
        if (meta.IsValid(bytes))
        {
            return;
        }

        var result = meta.Validate(bytes, OutputFormat.List);
        var first = result.Errors.Count > 0 ? result.Errors[0] : null;
        var where = first?.InstanceLocation ?? "";
        throw new InvalidSchemaException(
            $"The schema is invalid against its meta-schema {metaUri}: at '{where}', {first?.Message ?? "it does not conform"} ({first?.KeywordLocation}).",
            where,
            result.Errors);
    }

    private JsonSchemaValidator? MetaValidator(string metaUri)
    {
        if (EmbeddedMetaSchemas.TryGet(metaUri, out var embedded))
        {
            return s_embeddedMetaValidators.GetOrAdd(metaUri, static (uri, document) =>
                new JsonSchemaCompiler(new JsonSchemaOptions { ValidateSchema = false }).Compile(document, new Uri(uri)), embedded);
        }

        if (_customMetaValidators.TryGetValue(metaUri, out var cached))
        {
            return cached;
        }

        JsonElement? document = Lookup(metaUri);
        if (document is null && Options.DocumentResolver?.Resolve(new Uri(metaUri)) is { } text)
        {
            document = ParseDocument(text);
        }

        if (document is null)
        {
            return null;
        }

        var compiler = new JsonSchemaCompiler(new JsonSchemaOptions { ValidateSchema = false, DocumentResolver = Options.DocumentResolver, DefaultDraft = Options.DefaultDraft });
        foreach (var (uri, registered) in _registered)
        {
            compiler._registered[uri] = registered;
        }

        var validator = compiler.Compile(document.Value, new Uri(metaUri));
        _customMetaValidators[metaUri] = validator;
        return validator;
    }
}
