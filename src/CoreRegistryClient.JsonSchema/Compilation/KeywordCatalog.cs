using System.Text.Json;
using CoreRegistryClient.JsonSchema.Formats;
using CoreRegistryClient.JsonSchema.Instance;
using CoreRegistryClient.JsonSchema.Keywords;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>Which keyword means what in which draft and vocabulary, and how each is compiled. Keywords a draft
/// does not know are annotations and compile to nothing.</summary>
internal static class KeywordCatalog
{
    public static Keyword? Build(SchemaGraphBuilder builder, SchemaNode owner, SchemaLocation at, string name, JsonElement value)
    {
        var draft = at.Draft;
        var vocabularies = at.Resource.Vocabularies;
        var applicator = (vocabularies & Vocabularies.Applicator) != 0;
        var validation = (vocabularies & Vocabularies.Validation) != 0;
        var schema = at.Element;
        return name switch
        {
            "$ref" => RefKeyword.Create(builder, owner, at, name, value),
            "$dynamicRef" when draft >= SchemaDraft.Draft202012 => DynamicRefKeyword.Create(builder, owner, at, name, value),
            "$recursiveRef" when draft == SchemaDraft.Draft201909 => RecursiveRefKeyword.Create(builder, owner, at, name, value),

            "type" when validation => TypeKeyword.Create(owner, name, value, draft),
            "enum" when validation => EnumKeyword.Create(owner, name, value),
            "const" when validation && draft >= SchemaDraft.Draft6 => ConstKeyword.Create(owner, name, value),
            "multipleOf" when validation => MultipleOfKeyword.Create(owner, name, value),
            "maximum" when validation => NumericBoundKeyword.Create(owner, name, value, upper: true,
                exclusive: draft == SchemaDraft.Draft4 && schema.TryGetProperty("exclusiveMaximum", out var exMax) && exMax.ValueKind == JsonValueKind.True),
            "minimum" when validation => NumericBoundKeyword.Create(owner, name, value, upper: false,
                exclusive: draft == SchemaDraft.Draft4 && schema.TryGetProperty("exclusiveMinimum", out var exMin) && exMin.ValueKind == JsonValueKind.True),
            "exclusiveMaximum" when validation && draft >= SchemaDraft.Draft6 => NumericBoundKeyword.Create(owner, name, value, upper: true, exclusive: true),
            "exclusiveMinimum" when validation && draft >= SchemaDraft.Draft6 => NumericBoundKeyword.Create(owner, name, value, upper: false, exclusive: true),
            "maxLength" when validation => StringLengthKeyword.Create(owner, name, value, max: true),
            "minLength" when validation => StringLengthKeyword.Create(owner, name, value, max: false),
            "pattern" when validation => PatternKeyword.Create(owner, name, value, builder.Pattern),
            "maxItems" when validation => CountKeyword.Create(owner, name, value, max: true, JsonTokenKind.Array),
            "minItems" when validation => CountKeyword.Create(owner, name, value, max: false, JsonTokenKind.Array),
            "uniqueItems" when validation => UniqueItemsKeyword.Create(owner, name, value),
            "maxProperties" when validation => CountKeyword.Create(owner, name, value, max: true, JsonTokenKind.Object),
            "minProperties" when validation => CountKeyword.Create(owner, name, value, max: false, JsonTokenKind.Object),
            "required" when validation => RequiredKeyword.Create(owner, name, value),
            "dependentRequired" when validation && draft >= SchemaDraft.Draft201909 => DependentRequiredKeyword.Create(owner, name, value),

            "dependencies" when applicator => Dependencies(builder, owner, at, name, value),
            "dependentSchemas" when applicator && draft >= SchemaDraft.Draft201909 => DependentSchemas(builder, owner, at, name, value),
            "properties" when applicator => Properties(builder, owner, at, name, value),
            "patternProperties" when applicator => PatternProperties(builder, owner, at, name, value),
            "additionalProperties" when applicator => AdditionalProperties(builder, owner, at, name),
            "propertyNames" when applicator && draft >= SchemaDraft.Draft6 => new PropertyNamesKeyword(owner, name, builder.Subschema(at, name)),
            "items" when applicator => Items(builder, owner, at, name, value),
            "prefixItems" when applicator && draft >= SchemaDraft.Draft202012 => new PrefixItemsKeyword(owner, name, Array(builder, at, name, value)),
            "additionalItems" when applicator && draft <= SchemaDraft.Draft201909 => AdditionalItems(builder, owner, at, name),
            "contains" when applicator && draft >= SchemaDraft.Draft6 => Contains(builder, owner, at, name, validation),
            "allOf" when applicator => new AllOfKeyword(owner, name, Array(builder, at, name, value)),
            "anyOf" when applicator => new AnyOfKeyword(owner, name, Array(builder, at, name, value)),
            "oneOf" when applicator => new OneOfKeyword(owner, name, Array(builder, at, name, value)),
            "not" when applicator => new NotKeyword(owner, name, builder.Subschema(at, name)),
            "if" when applicator && draft >= SchemaDraft.Draft7 => new IfThenElseKeyword(owner, name, builder.Subschema(at, name),
                schema.TryGetProperty("then", out _) ? builder.Subschema(at, "then") : null,
                schema.TryGetProperty("else", out _) ? builder.Subschema(at, "else") : null),
            "unevaluatedProperties" when draft >= SchemaDraft.Draft201909 && (vocabularies & Vocabularies.Unevaluated) != 0
                => new UnevaluatedPropertiesKeyword(owner, name, builder.Subschema(at, name)),
            "unevaluatedItems" when draft >= SchemaDraft.Draft201909 && (vocabularies & Vocabularies.Unevaluated) != 0
                => new UnevaluatedItemsKeyword(owner, name, builder.Subschema(at, name)),

            "format" => Format(builder, owner, name, value, vocabularies),
            "contentMediaType" when draft >= SchemaDraft.Draft7 && builder.Options.ContentAssertion => ContentKeyword.Create(owner, schema),
            "contentEncoding" when draft >= SchemaDraft.Draft7 && builder.Options.ContentAssertion && !schema.TryGetProperty("contentMediaType", out _) => ContentKeyword.Create(owner, schema),
            _ => null,
        };
    }

    private static SchemaNode[] Array(SchemaGraphBuilder builder, SchemaLocation at, string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw new InvalidSchemaException($"The value of '{name}' must be a non-empty array of schemas.", at.AbsoluteLocation + "/" + name);
        }

        var nodes = new SchemaNode[value.GetArrayLength()];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = builder.Subschema(at, name, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return nodes;
    }

    private static PropertiesKeyword Properties(SchemaGraphBuilder builder, SchemaNode owner, SchemaLocation at, string name, JsonElement value)
    {
        var count = Object(value, at, name).GetPropertyCount();
        var names = new List<string>(count);
        var schemas = new List<SchemaNode>(count);
        foreach (var property in value.EnumerateObject())
        {
            // Each read of a property's name is a new string: read it once.
            var key = property.Name;
            names.Add(key);
            schemas.Add(builder.Subschema(at, name, key));
        }

        return new PropertiesKeyword(owner, name, names, schemas);
    }

    private static PatternPropertiesKeyword PatternProperties(SchemaGraphBuilder builder, SchemaNode owner, SchemaLocation at, string name, JsonElement value)
    {
        var patterns = new List<SchemaPattern>();
        var schemas = new List<SchemaNode>();
        foreach (var property in Object(value, at, name).EnumerateObject())
        {
            var key = property.Name;
            patterns.Add(builder.Pattern(key, owner, name));
            schemas.Add(builder.Subschema(at, name, key));
        }

        return new PatternPropertiesKeyword(owner, name, patterns, schemas);
    }

    private static AdditionalPropertiesKeyword AdditionalProperties(SchemaGraphBuilder builder, SchemaNode owner, SchemaLocation at, string name)
    {
        var schema = at.Element;
        PropertyNameTable? names = null;
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            names = new PropertyNameTable([.. properties.EnumerateObject().Select(p => p.Name)]);
        }

        var patterns = new List<SchemaPattern>();
        if (schema.TryGetProperty("patternProperties", out var patternProperties) && patternProperties.ValueKind == JsonValueKind.Object)
        {
            patterns.AddRange(patternProperties.EnumerateObject().Select(p => builder.Pattern(p.Name, owner, "patternProperties")));
        }

        return new AdditionalPropertiesKeyword(owner, name, names, [.. patterns], builder.Subschema(at, name));
    }

    private static Keyword? Dependencies(SchemaGraphBuilder builder, SchemaNode owner, SchemaLocation at, string name, JsonElement value)
    {
        var required = new List<(string, List<string>)>();
        var schemas = new List<(string, SchemaNode)>();
        foreach (var property in Object(value, at, name).EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                required.Add((property.Name, [.. property.Value.EnumerateArray().Select(v => v.GetString() ?? "")]));
            }
            else
            {
                schemas.Add((property.Name, builder.Subschema(at, name, property.Name)));
            }
        }

        var requiredKeyword = DependentRequiredKeyword.FromEntries(owner, name, required);
        var schemaKeyword = schemas.Count > 0 ? new DependentSchemasKeyword(owner, name, schemas) : null;
        return (requiredKeyword, schemaKeyword) switch
        {
            (null, null) => null,
            (null, _) => schemaKeyword,
            (_, null) => requiredKeyword,
            _ => new DependenciesKeyword(owner, name, requiredKeyword!, schemaKeyword!),
        };
    }

    private static DependentSchemasKeyword? DependentSchemas(SchemaGraphBuilder builder, SchemaNode owner, SchemaLocation at, string name, JsonElement value)
    {
        var schemas = Object(value, at, name).EnumerateObject().Select(p => (p.Name, builder.Subschema(at, name, p.Name))).ToList();
        return schemas.Count == 0 ? null : new DependentSchemasKeyword(owner, name, schemas);
    }

    private static Keyword Items(SchemaGraphBuilder builder, SchemaNode owner, SchemaLocation at, string name, JsonElement value)
    {
        if (at.Draft <= SchemaDraft.Draft201909 && value.ValueKind == JsonValueKind.Array)
        {
            return new PrefixItemsKeyword(owner, name, value.GetArrayLength() == 0 ? [] : Array(builder, at, name, value));
        }

        var start = 0;
        if (at.Draft >= SchemaDraft.Draft202012 && at.Element.TryGetProperty("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array)
        {
            start = prefix.GetArrayLength();
        }

        return new ItemsKeyword(owner, name, builder.Subschema(at, name), start);
    }

    private static ItemsKeyword? AdditionalItems(SchemaGraphBuilder builder, SchemaNode owner, SchemaLocation at, string name)
    {
        // Only meaningful after an array-form "items"; otherwise "items" already covers every item.
        if (!at.Element.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return new ItemsKeyword(owner, name, builder.Subschema(at, name), items.GetArrayLength());
    }

    private static ContainsKeyword Contains(SchemaGraphBuilder builder, SchemaNode owner, SchemaLocation at, string name, bool validation)
    {
        long min = 1;
        var max = long.MaxValue;
        if (at.Draft >= SchemaDraft.Draft201909 && validation)
        {
            if (at.Element.TryGetProperty("minContains", out var minContains))
            {
                min = KeywordValues.Count(minContains, owner, "minContains");
            }

            if (at.Element.TryGetProperty("maxContains", out var maxContains))
            {
                max = KeywordValues.Count(maxContains, owner, "maxContains");
            }
        }

        return new ContainsKeyword(owner, name, builder.Subschema(at, name), min, max, annotates: at.Draft >= SchemaDraft.Draft202012);
    }

    private static FormatKeyword? Format(SchemaGraphBuilder builder, SchemaNode owner, string name, JsonElement value, Vocabularies vocabularies)
    {
        var assert = builder.Options.FormatAssertion || (vocabularies & Vocabularies.FormatAssertion) != 0;
        if (!assert || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var format = value.GetString()!;
        var check = FormatRegistry.GetSpanChecker(format);
        return check is null ? null : new FormatKeyword(owner, name, format, check);
    }

    private static JsonElement Object(JsonElement value, SchemaLocation at, string name)
        => value.ValueKind == JsonValueKind.Object
            ? value
            : throw new InvalidSchemaException($"The value of '{name}' must be an object.", at.AbsoluteLocation + "/" + name);
}
