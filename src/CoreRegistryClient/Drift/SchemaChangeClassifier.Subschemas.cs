using System.Text.Json;

namespace CoreRegistryClient.Drift;

internal sealed partial class SchemaChangeClassifier
{
    private void CompareSubschema(string keyword, JsonElement? b, JsonElement? a, string at, int depth)
    {
        if (b is null)
        {
            Breaking(at, SchemaChangeKinds.SubschemaAdded, $"'{keyword}' was added: {Show(a!.Value)}.");
        }
        else if (a is null)
        {
            Benign(at, SchemaChangeKinds.SubschemaRemoved, $"'{keyword}' was removed.");
        }
        else if (b.Value.ValueKind == JsonValueKind.Array || a.Value.ValueKind == JsonValueKind.Array)
        {
            // Draft 4-7 tuple form of items.
            CompareSchemaList(keyword, b, a, at, depth, addedIsBreaking: true);
        }
        else
        {
            CompareSchema(b.Value, a.Value, at, depth + 1);
        }
    }

    private void CompareSchemaList(string keyword, JsonElement? b, JsonElement? a, string at, int depth, bool addedIsBreaking)
    {
        if (b is not { ValueKind: JsonValueKind.Array } || a is not { ValueKind: JsonValueKind.Array })
        {
            if (a is null)
            {
                Benign(at, SchemaChangeKinds.SubschemaRemoved, $"'{keyword}' was removed.");
            }
            else
            {
                Breaking(at, b is null ? SchemaChangeKinds.SubschemaAdded : SchemaChangeKinds.ConstraintChanged, $"'{keyword}' was added or changed shape.");
            }

            return;
        }

        var before = Items(b.Value);
        var after = Items(a.Value);
        for (var i = 0; i < Math.Min(before.Count, after.Count); i++)
        {
            CompareSchema(before[i], after[i], Pointer(at, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), depth + 1);
        }

        for (var i = before.Count; i < after.Count; i++)
        {
            var pointer = Pointer(at, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (addedIsBreaking)
            {
                Breaking(pointer, SchemaChangeKinds.SubschemaAdded, $"A '{keyword}' entry was added.");
            }
            else
            {
                Benign(pointer, SchemaChangeKinds.SubschemaAdded, $"A '{keyword}' alternative was added.");
            }
        }

        for (var i = after.Count; i < before.Count; i++)
        {
            var pointer = Pointer(at, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (addedIsBreaking)
            {
                Benign(pointer, SchemaChangeKinds.SubschemaRemoved, $"A '{keyword}' entry was removed.");
            }
            else
            {
                Breaking(pointer, SchemaChangeKinds.SubschemaRemoved, $"A '{keyword}' alternative was removed.");
            }
        }
    }

    private void CompareOneOf(JsonElement? b, JsonElement? a, string at, int depth)
    {
        if (b is { ValueKind: JsonValueKind.Array } before && a is { ValueKind: JsonValueKind.Array } after && before.GetArrayLength() == after.GetArrayLength())
        {
            CompareSchemaList("oneOf", b, a, at, depth, addedIsBreaking: true);
        }
        else if (a is null)
        {
            Benign(at, SchemaChangeKinds.SubschemaRemoved, "'oneOf' was removed.");
        }
        else
        {
            // A branch added can make a value match two branches, which oneOf rejects.
            Breaking(at, SchemaChangeKinds.ConstraintChanged, "The 'oneOf' branches changed.");
        }
    }

    private void CompareSchemaMap(string keyword, JsonElement? b, JsonElement? a, string at, int depth) =>
        CompareMembers(b, a, at, depth,
            (pointer, name) => Breaking(pointer, SchemaChangeKinds.SubschemaAdded, $"A '{keyword}' entry '{name}' was added."),
            (pointer, name) => Benign(pointer, SchemaChangeKinds.SubschemaRemoved, $"The '{keyword}' entry '{name}' was removed."));

    private void CompareDefinitions(string keyword, JsonElement? b, JsonElement? a, string at, int depth) =>
        CompareMembers(b, a, at, depth,
            (pointer, name) => Benign(pointer, SchemaChangeKinds.DefinitionChanged, $"Definition '{name}' was added."),
            (pointer, name) => Benign(pointer, SchemaChangeKinds.DefinitionChanged, $"Definition '{name}' was removed (in '{keyword}')."));

    /// <summary>Compares the subschemas both sides name alike; reports names only one side has.</summary>
    private void CompareMembers(JsonElement? b, JsonElement? a, string at, int depth, Action<string, string> added, Action<string, string> removed)
    {
        var before = Members(b);
        var after = Members(a);
        foreach (var (name, schema) in after)
        {
            if (before.TryGetValue(name, out var old))
            {
                CompareSchema(old, schema, Pointer(at, name), depth + 1);
            }
            else
            {
                added(Pointer(at, name), name);
            }
        }

        foreach (var name in before.Keys.Where(n => !after.ContainsKey(n)))
        {
            removed(Pointer(at, name), name);
        }
    }

    private void CompareReference(string keyword, JsonElement? b, JsonElement? a, string at)
    {
        if (a is null)
        {
            Benign(at, SchemaChangeKinds.SubschemaRemoved, $"'{keyword}' {Show(b)} was removed.");
        }
        else
        {
            Breaking(at, SchemaChangeKinds.ReferenceChanged, $"'{keyword}' now points to {Show(a.Value)} (was {Show(b)}).");
        }
    }
}
