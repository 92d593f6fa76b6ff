using System.Text.Json;

namespace CoreRegistryClient.Drift;

/// <summary>Diffs two JSON Schemas structurally, keyword by keyword, and says whether each change can reject a
/// payload the earlier schema accepted (breaking) or not (benign).</summary>
/// <remarks>Conservative: a change it cannot judge (a <c>$ref</c> retargeted, <c>not</c>/<c>if</c> edited, an
/// unknown assertion) counts as breaking. Unknown keywords are annotations, so benign.</remarks>
internal sealed partial class SchemaChangeClassifier
{
    private const int MaxDepth = 128;
    private readonly List<SchemaChange> _changes = [];

    private SchemaChangeClassifier() { }

    /// <summary>The changes from <paramref name="before"/> (e.g. the local copy) to <paramref name="after"/> (the registry's).</summary>
    public static IReadOnlyList<SchemaChange> Diff(JsonElement before, JsonElement after)
    {
        var classifier = new SchemaChangeClassifier();
        classifier.CompareSchema(before, after, "", 0);
        return classifier._changes;
    }

    /// <summary>Breaking when any change is breaking, else benign.</summary>
    public static ChangeClassification Classify(IEnumerable<SchemaChange> changes) =>
        changes.Any(c => c.Classification == ChangeClassification.Breaking) ? ChangeClassification.Breaking : ChangeClassification.Benign;

    private void CompareSchema(JsonElement before, JsonElement after, string pointer, int depth)
    {
        if (JsonElement.DeepEquals(before, after) || depth > MaxDepth)
        {
            return;
        }

        if (IsFalse(after))
        {
            Breaking(pointer, SchemaChangeKinds.SchemaForbidden, "The schema now rejects every value.");
            return;
        }

        if (IsFalse(before) || IsTrue(after))
        {
            Benign(pointer, SchemaChangeKinds.SchemaRelaxed, "The schema now accepts more (or every) value.");
            return;
        }

        if (before.ValueKind != JsonValueKind.Object && !IsTrue(before) || after.ValueKind != JsonValueKind.Object)
        {
            Breaking(pointer, SchemaChangeKinds.ConstraintChanged, "The schema was replaced by a value that is not a schema object.");
            return;
        }

        var keywords = new SortedSet<string>(StringComparer.Ordinal);
        AddKeywords(keywords, before);
        AddKeywords(keywords, after);
        foreach (var keyword in keywords)
        {
            var b = TryGet(before, keyword);
            var a = TryGet(after, keyword);
            if (b is { } bv && a is { } av && JsonElement.DeepEquals(bv, av))
            {
                continue;
            }

            CompareKeyword(keyword, before, after, b, a, pointer, depth);
        }
    }

    private void CompareKeyword(string keyword, JsonElement before, JsonElement after, JsonElement? b, JsonElement? a, string pointer, int depth)
    {
        var at = Pointer(pointer, keyword);
        switch (keyword)
        {
            case "type": CompareType(b, a, at); break;
            case "required": CompareRequired(before, after, b, a, pointer); break;
            case "properties": CompareProperties(before, after, b, a, pointer, depth); break;
            case "additionalProperties" or "unevaluatedProperties": CompareOpenness(keyword, b, a, at, depth); break;
            case "enum": CompareEnum(b, a, at); break;
            case "const": CompareConst(b, a, at); break;
            case "minimum" or "exclusiveMinimum" or "minLength" or "minItems" or "minProperties" or "minContains":
                CompareBound(keyword, b, a, at, lower: true); break;
            case "maximum" or "exclusiveMaximum" or "maxLength" or "maxItems" or "maxProperties" or "maxContains":
                CompareBound(keyword, b, a, at, lower: false); break;
            case "multipleOf": CompareMultipleOf(b, a, at); break;
            case "uniqueItems": CompareUniqueItems(b, a, at); break;
            case "pattern": CompareStringConstraint("pattern", b, a, at, SchemaChangeKinds.PatternAdded, SchemaChangeKinds.PatternChanged, SchemaChangeKinds.PatternRemoved); break;
            case "format": CompareStringConstraint("format", b, a, at, SchemaChangeKinds.FormatAdded, SchemaChangeKinds.FormatChanged, SchemaChangeKinds.FormatRemoved); break;
            case "description": Benign(at, SchemaChangeKinds.DescriptionChanged, "The description changed."); break;
            case "$defs" or "definitions": CompareDefinitions(keyword, b, a, at, depth); break;
            case "patternProperties" or "dependentSchemas": CompareSchemaMap(keyword, b, a, at, depth); break;
            case "items" or "additionalItems" or "contains" or "propertyNames" or "unevaluatedItems" or "then" or "else":
                CompareSubschema(keyword, b, a, at, depth); break;
            case "allOf" or "prefixItems": CompareSchemaList(keyword, b, a, at, depth, addedIsBreaking: true); break;
            case "anyOf": CompareSchemaList(keyword, b, a, at, depth, addedIsBreaking: false); break;
            case "oneOf": CompareOneOf(b, a, at, depth); break;
            case "dependentRequired" or "dependencies": CompareDependencies(keyword, b, a, at, depth); break;
            case "$ref" or "$dynamicRef" or "$recursiveRef": CompareReference(keyword, b, a, at); break;
            case "not" or "if":
                if (a is null)
                {
                    Benign(at, SchemaChangeKinds.SubschemaRemoved, $"'{keyword}' was removed.");
                }
                else
                {
                    Breaking(at, SchemaChangeKinds.ConstraintChanged, $"'{keyword}' changed; its effect on payloads cannot be judged structurally.");
                }

                break;
            default:
                Benign(at, SchemaChangeKinds.AnnotationChanged, $"The annotation '{keyword}' changed.");
                break;
        }
    }

    private void Breaking(string pointer, string kind, string description) =>
        _changes.Add(new SchemaChange(pointer, kind, ChangeClassification.Breaking, description));

    private void Benign(string pointer, string kind, string description) =>
        _changes.Add(new SchemaChange(pointer, kind, ChangeClassification.Benign, description));

    private static void AddKeywords(SortedSet<string> keywords, JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in schema.EnumerateObject())
            {
                keywords.Add(property.Name);
            }
        }
    }

    private static JsonElement? TryGet(JsonElement schema, string keyword) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var value) ? value : null;

    private static bool IsFalse(JsonElement schema) => schema.ValueKind == JsonValueKind.False;

    private static bool IsTrue(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.True || (schema.ValueKind == JsonValueKind.Object && schema.GetPropertyCount() == 0);

    /// <summary>Appends an escaped reference token (RFC 6901: <c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>).</summary>
    internal static string Pointer(string pointer, string token) =>
        pointer + "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }
}
