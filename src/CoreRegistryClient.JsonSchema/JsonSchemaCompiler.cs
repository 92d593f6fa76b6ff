using System.Text.Json;

namespace CoreRegistryClient.JsonSchema;

/// <summary>Compiles schemas into immutable, thread-safe <see cref="JsonSchemaValidator"/>s, resolving <c>$ref</c>s
/// against the embedded meta-schemas, documents registered here, and the optional
/// <see cref="JsonSchemaOptions.DocumentResolver"/>.</summary>
/// <remarks>Thread-safe: documents may be registered and schemas compiled concurrently.</remarks>
public sealed class JsonSchemaCompiler
{
    /// <summary>Creates a compiler with the given options (or <see cref="JsonSchemaOptions.Default"/>).</summary>
    public JsonSchemaCompiler(JsonSchemaOptions? options = null) => Options = options ?? JsonSchemaOptions.Default;

    /// <summary>The options every schema compiled here uses.</summary>
    public JsonSchemaOptions Options { get; }

    /// <summary>Registers a schema document under <paramref name="uri"/> so <c>$ref</c>s can reach it.</summary>
    /// <exception cref="InvalidSchemaException">The text is not JSON.</exception>
    public void Register(Uri uri, string json) => throw new NotImplementedException();

    /// <summary>Registers a schema document under <paramref name="uri"/> so <c>$ref</c>s can reach it.</summary>
    public void Register(Uri uri, JsonElement document) => throw new NotImplementedException();

    /// <summary>Compiles schema JSON text.</summary>
    /// <param name="json">The schema.</param>
    /// <param name="baseUri">The retrieval URI used when the schema has no <c>$id</c>.</param>
    /// <exception cref="InvalidSchemaException">The schema is malformed, invalid against its meta-schema, or unresolvable.</exception>
    public JsonSchemaValidator Compile(string json, Uri? baseUri = null) => throw new NotImplementedException();

    /// <summary>Compiles schema UTF-8 JSON bytes.</summary>
    /// <exception cref="InvalidSchemaException">The schema is malformed, invalid against its meta-schema, or unresolvable.</exception>
    public JsonSchemaValidator Compile(ReadOnlySpan<byte> utf8Json, Uri? baseUri = null) => throw new NotImplementedException();

    /// <summary>Compiles a schema held as a <see cref="JsonElement"/>.</summary>
    /// <exception cref="InvalidSchemaException">The schema is invalid against its meta-schema or unresolvable.</exception>
    public JsonSchemaValidator Compile(JsonElement schema, Uri? baseUri = null) => throw new NotImplementedException();
}
