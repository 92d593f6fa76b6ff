using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoreRegistryClient.JsonSchema.Compilation;
using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema;

/// <summary>Compiles schemas into immutable, thread-safe <see cref="JsonSchemaValidator"/>s, resolving <c>$ref</c>s
/// against the embedded meta-schemas, documents registered here, and the optional
/// <see cref="JsonSchemaOptions.DocumentResolver"/>.</summary>
/// <remarks>Thread-safe: documents may be registered and schemas compiled concurrently. Every document a
/// compilation reads (the schema, a registered or a resolved one) is held to
/// <see cref="JsonSchemaOptions.MaxSchemaDepth"/> and, with <see cref="JsonSchemaOptions.ValidateSchema"/>, to its
/// meta-schema; compilation itself uses no recursion over the schema and costs time linear in its size.</remarks>
public sealed class JsonSchemaCompiler : IDocumentSource
{
    private static long s_anonymousSchemas;
    private static readonly ConcurrentDictionary<string, JsonSchemaValidator> s_embeddedMetaValidators = new(StringComparer.Ordinal);
    // Most compilers compile one schema and register nothing: these are created on first use.
    private ConcurrentDictionary<string, RegisteredDocument>? _registered;
    private ConcurrentDictionary<string, JsonSchemaValidator>? _customMetaValidators;

    /// <summary>Creates a compiler with the given options (or <see cref="JsonSchemaOptions.Default"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="JsonSchemaOptions.MaxDepth"/>,
    /// <see cref="JsonSchemaOptions.MaxSchemaDepth"/> or <see cref="JsonSchemaOptions.MaxReferenceDepth"/> is below 1,
    /// or <see cref="JsonSchemaOptions.RegexBudget"/> is not positive (nor infinite).</exception>
    public JsonSchemaCompiler(JsonSchemaOptions? options = null)
    {
        Options = options ?? JsonSchemaOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxDepth, 1, "options.MaxDepth");
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxSchemaDepth, 1, "options.MaxSchemaDepth");
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxReferenceDepth, 1, "options.MaxReferenceDepth");
        if (Options.RegexBudget <= TimeSpan.Zero && Options.RegexBudget != Regex.InfiniteMatchTimeout)
        {
            throw new ArgumentOutOfRangeException("options.RegexBudget", Options.RegexBudget, "The regex budget must be positive or Regex.InfiniteMatchTimeout.");
        }
    }

    /// <summary>The options every schema compiled here uses.</summary>
    public JsonSchemaOptions Options { get; }

    /// <summary>Registers a schema document under <paramref name="uri"/> so <c>$ref</c>s can reach it. It is checked
    /// against its meta-schema when a compilation first loads it (the draft of a document without <c>$schema</c> is
    /// the referring schema's, known only then).</summary>
    /// <exception cref="InvalidSchemaException">The text is not JSON, or nests deeper than <see cref="JsonSchemaOptions.MaxSchemaDepth"/>.</exception>
    public void Register(Uri uri, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var key = RegistrationKey(uri);
        Registrations[key] = new RegisteredDocument(SchemaText.Parse(json, Options.MaxSchemaDepth, key, $"The document registered as '{key}'"));
    }

    /// <summary>Registers a schema document under <paramref name="uri"/> so <c>$ref</c>s can reach it (see
    /// <see cref="Register(Uri, string)"/>).</summary>
    /// <exception cref="InvalidSchemaException">The document nests deeper than <see cref="JsonSchemaOptions.MaxSchemaDepth"/>.</exception>
    public void Register(Uri uri, JsonElement document)
    {
        var key = RegistrationKey(uri);
        SchemaText.ThrowIfTooDeep(document, Options.MaxSchemaDepth, key);
        Registrations[key] = new RegisteredDocument(document.Clone());
    }

    /// <summary>Compiles schema JSON text.</summary>
    /// <param name="json">The schema.</param>
    /// <param name="baseUri">The retrieval URI used when the schema has no <c>$id</c>.</param>
    /// <exception cref="InvalidSchemaException">The schema is malformed, too deep, invalid against its meta-schema, or unresolvable.</exception>
    public JsonSchemaValidator Compile(string json, Uri? baseUri = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return CompileElement(SchemaText.Parse(json, Options.MaxSchemaDepth, null), baseUri);
    }

    /// <summary>Compiles schema UTF-8 JSON bytes.</summary>
    /// <exception cref="InvalidSchemaException">The schema is malformed, too deep, invalid against its meta-schema, or unresolvable.</exception>
    public JsonSchemaValidator Compile(ReadOnlySpan<byte> utf8Json, Uri? baseUri = null)
        => CompileElement(SchemaText.Parse(utf8Json, Options.MaxSchemaDepth, null), baseUri);

    /// <summary>Compiles a schema held as a <see cref="JsonElement"/>.</summary>
    /// <exception cref="InvalidSchemaException">The schema is too deep, invalid against its meta-schema, or unresolvable.</exception>
    public JsonSchemaValidator Compile(JsonElement schema, Uri? baseUri = null)
    {
        if (!Options.ValidateSchema)
        {
            // Meta-validation reads the document under the same limit; without it, the depth is checked here.
            SchemaText.ThrowIfTooDeep(schema, Options.MaxSchemaDepth, null);
        }

        return CompileElement(schema.Clone(), baseUri);
    }

    private JsonSchemaValidator CompileElement(JsonElement root, Uri? baseUri)
    {
        CheckSchema(root, Options.DefaultDraft, null);
        var retrieval = baseUri is { IsAbsoluteUri: true }
            ? UriTools.Normalize(UriTools.StripFragment(baseUri.OriginalString))
            : "https://schema.invalid/" + Interlocked.Increment(ref s_anonymousSchemas).ToString(CultureInfo.InvariantCulture) + "/schema.json";
        var builder = new SchemaGraphBuilder(Options, this);
        var (node, location) = builder.CompileRoot(root, retrieval);
        var settings = new ValidatorSettings
        {
            IncludeValuesInMessages = Options.IncludeValuesInMessages,
            TrackScope = builder.UsesDynamicScope,
            Root = node,
            MaxRefDepth = Options.MaxReferenceDepth,
            RegexBudgetTicks = Options.RegexBudget == Regex.InfiniteMatchTimeout
                ? long.MaxValue
                : (long)Math.Min(long.MaxValue / 2, Options.RegexBudget.TotalSeconds * Stopwatch.Frequency),
        };
        var canonical = Uri.TryCreate(location.Resource.BaseUri, UriKind.Absolute, out var u) ? u : new Uri(retrieval);
        return new JsonSchemaValidator(node, settings, location.Draft, canonical, Options, builder.Diagnostics?.ToArray() ?? []);
    }

    private static string RegistrationKey(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("Documents are registered under absolute URIs.", nameof(uri));
        }

        return UriTools.Normalize(UriTools.StripFragment(uri.OriginalString));
    }

    private ConcurrentDictionary<string, RegisteredDocument> Registrations
        => LazyInitializer.EnsureInitialized(ref _registered, static () => new ConcurrentDictionary<string, RegisteredDocument>(StringComparer.Ordinal));

    void IDocumentSource.Check(string uri, JsonElement root, SchemaDraft fallbackDraft) => CheckSchema(root, fallbackDraft, uri);

    /// <summary>The registered document at <paramref name="uri"/>, checked once per draft it is read as.</summary>
    JsonElement? IDocumentSource.Registered(string uri, SchemaDraft fallbackDraft)
    {
        if (_registered is null || !_registered.TryGetValue(uri, out var registered))
        {
            return null;
        }

        if (!registered.IsCheckedAs(fallbackDraft))
        {
            CheckSchema(registered.Root, fallbackDraft, uri);
            registered.MarkCheckedAs(fallbackDraft);
        }

        return registered.Root;
    }

    /// <summary>Meta-validates a schema document (when <see cref="JsonSchemaOptions.ValidateSchema"/> is on), reading
    /// it under <see cref="JsonSchemaOptions.MaxSchemaDepth"/>; <paramref name="documentUri"/> is null for the root.</summary>
    private void CheckSchema(JsonElement root, SchemaDraft fallbackDraft, string? documentUri)
    {
        if (!Options.ValidateSchema)
        {
            return;
        }

        var metaUri = Drafts.MetaSchemaUri(fallbackDraft);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$schema"u8, out var declared) && declared.ValueKind == JsonValueKind.String)
        {
            metaUri = Drafts.Declared(declared.GetString()!).Uri;
        }

        var meta = MetaValidator(metaUri);
        if (meta is null)
        {
            // An unresolvable custom $schema is reported by the compilation itself; the depth limit still holds.
            SchemaText.ThrowIfTooDeep(root, Options.MaxSchemaDepth, documentUri);
            return;
        }

        var bytes = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(root);
        var result = meta.Validate(bytes, OutputFormat.ListIfInvalid, Options.MaxSchemaDepth);
        if (result.IsValid)
        {
            return;
        }

        var document = documentUri is null ? "The schema" : $"The schema document {documentUri}";
        switch (result.InputError)
        {
            case InputErrorKind.DepthExceeded when result.BytePosition >= 0 && SchemaText.FirstTooDeep(bytes, Options.MaxSchemaDepth) >= 0:
                throw SchemaText.TooDeep(bytes, result.BytePosition, Options.MaxSchemaDepth, documentUri);
            case InputErrorKind.DepthExceeded or InputErrorKind.ReferenceDepthExceeded:
                throw new InvalidSchemaException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{document} could not be checked against its meta-schema {metaUri}: it nests too deeply for the validating thread's stack (JsonSchemaOptions.{nameof(JsonSchemaOptions.MaxSchemaDepth)} is {Options.MaxSchemaDepth}; lower it, or turn off {nameof(JsonSchemaOptions.ValidateSchema)})."),
                    documentUri ?? "");
            case InputErrorKind.None:
                break;
            default:
                throw new InvalidSchemaException($"{document} could not be read: {result.InputErrorMessage}", documentUri ?? "");
        }

        var first = result.Errors.Count > 0 ? result.Errors[0] : null;
        var where = first?.InstanceLocation ?? "";
        throw new InvalidSchemaException(
            $"{document} is invalid against its meta-schema {metaUri}: at '{where}', {first?.Message ?? "it does not conform"} ({first?.KeywordLocation}).",
            documentUri is null ? where : documentUri + "#" + where,
            result.Errors);
    }

    /// <summary>The meta-schema validator for <paramref name="metaUri"/>: the embedded drafts' are compiled once per
    /// process, custom ones once per compiler.</summary>
    private JsonSchemaValidator? MetaValidator(string metaUri)
    {
        if (EmbeddedMetaSchemas.TryGet(metaUri, out var embedded))
        {
            return s_embeddedMetaValidators.GetOrAdd(metaUri, static (uri, document) =>
                new JsonSchemaCompiler(new JsonSchemaOptions { ValidateSchema = false }).Compile(document, new Uri(uri)), embedded);
        }

        if (_customMetaValidators is not null && _customMetaValidators.TryGetValue(metaUri, out var cached))
        {
            return cached;
        }

        JsonElement? document = _registered is not null && _registered.TryGetValue(metaUri, out var registered) ? registered.Root : null;
        if (document is null && Options.DocumentResolver?.Resolve(new Uri(metaUri)) is { } text)
        {
            document = SchemaText.Parse(text, Options.MaxSchemaDepth, metaUri, $"The meta-schema resolved for '{metaUri}'");
        }

        if (document is null)
        {
            return null;
        }

        var compiler = new JsonSchemaCompiler(new JsonSchemaOptions
        {
            ValidateSchema = false,
            DocumentResolver = Options.DocumentResolver,
            DefaultDraft = Options.DefaultDraft,
            MaxSchemaDepth = Options.MaxSchemaDepth,
        });
        foreach (var (uri, other) in _registered ?? [])
        {
            compiler.Registrations[uri] = other;
        }

        var validator = compiler.Compile(document.Value, new Uri(metaUri));
        LazyInitializer.EnsureInitialized(ref _customMetaValidators, static () => new ConcurrentDictionary<string, JsonSchemaValidator>(StringComparer.Ordinal))[metaUri] = validator;
        return validator;
    }

    /// <summary>A registered document and the drafts it has been checked as (a bit per draft).</summary>
    private sealed class RegisteredDocument(JsonElement root)
    {
        private int _checked;

        public JsonElement Root { get; } = root;

        public bool IsCheckedAs(SchemaDraft draft) => (Volatile.Read(ref _checked) & Bit(draft)) != 0;

        public void MarkCheckedAs(SchemaDraft draft) => Interlocked.Or(ref _checked, Bit(draft));

        private static int Bit(SchemaDraft draft) => 1 << ((int)draft % 31);
    }
}
