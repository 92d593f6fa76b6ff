using System.Text.Json;
using System.Text.Unicode;
using CoreRegistryClient.Enforcement;
using Json.Schema;
using NetSchema = Json.Schema.JsonSchema;

namespace CoreRegistryClient.JsonSchemaNet;

/// <summary>A JsonSchema.Net schema behind the SDK's seam. Its results are mapped to <see cref="SchemaValidationError"/>s
/// whose messages are built from the keyword alone: JsonSchema.Net's own messages quote payload values.</summary>
internal sealed class JsonSchemaNetValidator(NetSchema schema, bool formatAssertion) : ISchemaValidator
{
    /// <summary>The SDK engine's instance depth limit, so both backends refuse the same documents as too deep.</summary>
    private const int MaxDepth = 128;

    private readonly EvaluationOptions _flag = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = formatAssertion };
    private readonly EvaluationOptions _list = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = formatAssertion };

    public SchemaValidatorResult Validate(ReadOnlySpan<byte> utf8Json, SchemaOutputFormat format)
    {
        // The reader checks UTF-8 only where it decodes; the SDK's engine refuses any invalid byte, and so does this backend.
        if (!Utf8.IsValid(utf8Json)) return new SchemaValidatorResult(false, readError: PayloadReadError.InvalidUtf8, bytePosition: -1);
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read()) return new SchemaValidatorResult(false, readError: PayloadReadError.MalformedJson, bytePosition: reader.TokenStartIndex);
        }
        catch (JsonException exception)
        {
            return new SchemaValidatorResult(false, readError: ReadErrorOf(exception), bytePosition: -1);
        }

        using (document)
        {
            return Validate(document.RootElement, format);
        }
    }

    public SchemaValidatorResult Validate(JsonElement instance, SchemaOutputFormat format)
    {
        var flag = schema.Evaluate(instance, format == SchemaOutputFormat.List ? _list : _flag);
        if (flag.IsValid) return SchemaValidatorResult.Valid;
        if (format == SchemaOutputFormat.Flag) return SchemaValidatorResult.Invalid;
        var list = format == SchemaOutputFormat.List ? flag : schema.Evaluate(instance, _list);
        var errors = new List<SchemaValidationError>();
        Collect(list, errors);
        return new SchemaValidatorResult(false, errors);
    }

    private static void Collect(EvaluationResults root, List<SchemaValidationError> errors)
    {
        var nodes = new List<EvaluationResults>();
        Flatten(root, nodes);
        foreach (var node in nodes)
        {
            if (node.Errors is not { Count: > 0 } found) continue;
            var instance = node.InstanceLocation.ToString();
            var path = node.EvaluationPath.ToString();
            foreach (var key in found.Keys)
            {
                // A false schema (additionalProperties: false, ...) fails with no keyword: the node itself is the location.
                var (keyword, location) = key.Length == 0 ? ("false", path) : (key, path + "/" + key);
                errors.Add(new SchemaValidationError(instance, location, keyword, JsonSchemaNetMessages.For(keyword)));
            }
        }

        if (errors.Count > 0) return;

        // JsonSchema.Net fails some applicators (not, oneOf, contains) with no error entry; the SDK promises at least one
        // error per invalid payload: the deepest failing node reports the one keyword its subschemas sit under, if one.
        var failing = nodes.Where(n => !n.IsValid).MaxBy(n => n.EvaluationPath.ToString().Length) ?? root;
        var failingPath = failing.EvaluationPath.ToString();
        var keywords = nodes.Select(n => FirstSegmentAfter(failingPath, n.EvaluationPath.ToString())).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var (name, at) = keywords.Count == 1 ? (keywords[0], failingPath + "/" + keywords[0]) : ("schema", failingPath);
        errors.Add(new SchemaValidationError(failing.InstanceLocation.ToString(), at, name, JsonSchemaNetMessages.For(name)));
    }

    private static void Flatten(EvaluationResults node, List<EvaluationResults> nodes)
    {
        nodes.Add(node);
        foreach (var detail in node.Details ?? []) Flatten(detail, nodes);
    }

    private static string FirstSegmentAfter(string parent, string child)
    {
        if (!child.StartsWith(parent + "/", StringComparison.Ordinal)) return "";
        var rest = child[(parent.Length + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }

    private static PayloadReadError ReadErrorOf(JsonException exception) =>
        exception.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase) ? PayloadReadError.TooDeep
        : PayloadReadError.MalformedJson;
}
