using System.Text.Json;
using Json.Schema;
using NetSchema = Json.Schema.JsonSchema;
using NJsonSchemaDocument = NJsonSchema.JsonSchema;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>The peers as a user calls them: JsonSchema.Net 8.0.5 (parse the payload into a JsonDocument, then
/// evaluate) and NJsonSchema 11.6.2 (its Validate parses the JSON text with Newtonsoft.Json, then checks).</summary>
internal static class Peers
{
    public static NetSchema CompileJsonSchemaNet(string schema)
        => NetSchema.FromText(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    public static bool ValidateWithJsonSchemaNet(NetSchema schema, byte[] payload, bool formats)
    {
        using var document = JsonDocument.Parse(payload);
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = formats }).IsValid;
    }

    public static NJsonSchemaDocument CompileNJsonSchema(string schema) => NJsonSchemaDocument.FromJsonAsync(schema).GetAwaiter().GetResult();

    /// <summary>NJsonSchema always checks formats; it returns every error (there is no flag mode).</summary>
    public static bool ValidateWithNJsonSchema(NJsonSchemaDocument schema, string payload) => schema.Validate(payload).Count == 0;
}
