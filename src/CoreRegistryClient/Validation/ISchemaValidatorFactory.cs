using System.Text.Json;

namespace CoreRegistryClient;

/// <summary>A validator backend: compiles a schema document into an <see cref="ISchemaValidator"/>. The SDK registers
/// its own engine (CoreRegistryClient.JsonSchema) as the default; register another implementation (for instance with
/// the CoreRegistryClient.JsonSchemaNet package's <c>UseJsonSchemaNet()</c>) to replace it.</summary>
/// <remarks>Called on the cache's load threads, once per schema version (never per payload); implementations must be
/// thread-safe. Every call compiles independently: a new version of a schema with the same <c>$id</c> must not
/// collide with the old one.</remarks>
public interface ISchemaValidatorFactory
{
    /// <summary>A short name of the backend (for logs and documentation), e.g. <c>CoreRegistryClient.JsonSchema</c>.</summary>
    string Name { get; }

    /// <summary>Compiles <paramref name="schema"/>.</summary>
    /// <param name="schema">The schema document.</param>
    /// <param name="options">How to compile and validate.</param>
    /// <returns>An immutable, thread-safe validator.</returns>
    /// <exception cref="SchemaCompilationException">The schema is invalid, unresolvable, or uses something the backend does not support.</exception>
    ISchemaValidator Compile(JsonElement schema, SchemaValidatorOptions options);
}
