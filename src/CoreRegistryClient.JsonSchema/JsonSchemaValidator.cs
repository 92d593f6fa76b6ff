using System.Text.Json;

namespace CoreRegistryClient.JsonSchema;

/// <summary>A compiled schema: immutable, thread-safe, validates many instances.</summary>
public sealed class JsonSchemaValidator
{
    private JsonSchemaValidator() { }

    /// <summary>Compiles schema JSON text with a fresh compiler (no registered documents).</summary>
    /// <exception cref="InvalidSchemaException">The schema is malformed, invalid, or unresolvable.</exception>
    public static JsonSchemaValidator Parse(string json, JsonSchemaOptions? options = null) => new JsonSchemaCompiler(options).Compile(json);

    /// <summary>Compiles schema UTF-8 JSON bytes with a fresh compiler (no registered documents).</summary>
    /// <exception cref="InvalidSchemaException">The schema is malformed, invalid, or unresolvable.</exception>
    public static JsonSchemaValidator Parse(ReadOnlySpan<byte> utf8Json, JsonSchemaOptions? options = null) => new JsonSchemaCompiler(options).Compile(utf8Json);

    /// <summary>The draft the schema was compiled under.</summary>
    public SchemaDraft Draft => throw new NotImplementedException();

    /// <summary>The schema's canonical base URI (its <c>$id</c>, or the retrieval URI, or a generated one).</summary>
    public Uri BaseUri => throw new NotImplementedException();

    /// <summary>Whether the UTF-8 JSON instance is valid (flag output; malformed input is invalid). Allocates nothing for valid input.</summary>
    public bool IsValid(ReadOnlySpan<byte> utf8Json) => throw new NotImplementedException();

    /// <summary>Whether the instance is valid (flag output).</summary>
    public bool IsValid(JsonElement instance) => throw new NotImplementedException();

    /// <summary>Whether the JSON text instance is valid (flag output; malformed input is invalid).</summary>
    public bool IsValid(string json) => throw new NotImplementedException();

    /// <summary>Validates a UTF-8 JSON instance. Malformed JSON, invalid UTF-8 and over-deep nesting come back as
    /// a result with <see cref="ValidationResult.InputError"/> set, never as an exception.</summary>
    public ValidationResult Validate(ReadOnlySpan<byte> utf8Json, OutputFormat format = OutputFormat.List) => throw new NotImplementedException();

    /// <summary>Validates an instance held as a <see cref="JsonElement"/>.</summary>
    public ValidationResult Validate(JsonElement instance, OutputFormat format = OutputFormat.List) => throw new NotImplementedException();

    /// <summary>Validates a JSON text instance.</summary>
    public ValidationResult Validate(string json, OutputFormat format = OutputFormat.List) => throw new NotImplementedException();
}
