using System.Collections.Concurrent;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Tests.Conformance;
using Json.Schema;
using NetSchema = Json.Schema.JsonSchema;

namespace CoreRegistryClient.JsonSchema.Tests.Differential;

/// <summary>JsonSchema.Net 8.0.5 as a differential oracle: the verdict it gives for a schema and an instance,
/// with the suite's remotes available the same way our engine gets them (in memory, no network).</summary>
internal static class JsonSchemaNetOracle
{
    private static readonly ConcurrentDictionary<(string Schema, SchemaDraft Draft, bool Formats), Lazy<NetSchema?>> s_schemas = new();

    /// <summary>JsonSchema.Net's verdict, or null when it refuses to build the schema or throws while evaluating.</summary>
    public static bool? IsValid(JsonElement schema, SchemaDraft draft, JsonElement instance, bool formatAssertion)
    {
        var compiled = s_schemas.GetOrAdd((schema.GetRawText(), draft, formatAssertion), key => new(() => Build(key.Schema, key.Draft))).Value;
        if (compiled is null)
        {
            return null;
        }

        try
        {
            return compiled.Evaluate(instance, new EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.Flag, RequireFormatValidation = formatAssertion }).IsValid;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    public static bool Supports(SchemaDraft draft) => draft != SchemaDraft.Draft4;

    private static NetSchema? Build(string schema, SchemaDraft draft)
    {
        var registry = new SchemaRegistry();
        var options = new BuildOptions { SchemaRegistry = registry, Dialect = DialectOf(draft) };
        registry.Fetch = (uri, _) => SuiteRemotes.Instance.Resolve(uri) is { } text ? NetSchema.FromText(text, options, uri) : null;
        try
        {
            return NetSchema.FromText(schema, options, new Uri("https://differential.invalid/schema.json"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static Dialect DialectOf(SchemaDraft draft) => draft switch
    {
        SchemaDraft.Draft6 => Dialect.Draft06,
        SchemaDraft.Draft7 => Dialect.Draft07,
        SchemaDraft.Draft201909 => Dialect.Draft201909,
        _ => Dialect.Draft202012,
    };
}
