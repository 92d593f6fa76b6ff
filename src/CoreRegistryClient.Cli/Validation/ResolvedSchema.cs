using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Cli.Validation;

/// <summary>A compiled schema and where it came from.</summary>
/// <param name="Name">The schema name or file.</param>
/// <param name="Source">"file" or the registry track.</param>
/// <param name="Version">The registry version, when it came from the registry.</param>
/// <param name="Validator">The compiled schema.</param>
internal sealed record ResolvedSchema(string Name, string Source, string? Version, JsonSchemaValidator Validator);
