using System.Text.Json;

namespace CoreRegistryClient.Drift;

internal sealed partial class SchemaChangeClassifier
{
    private void CompareRequired(JsonElement before, JsonElement after, JsonElement? b, JsonElement? a, string pointer)
    {
        var wasRequired = StringSet(b);
        var isRequired = StringSet(a);
        var oldProperties = PropertyNames(before);
        foreach (var name in isRequired.Except(wasRequired).Order(StringComparer.Ordinal))
        {
            if (oldProperties.Contains(name) || !PropertyNames(after).Contains(name))
            {
                Breaking(Pointer(pointer, "required"), SchemaChangeKinds.PropertyMadeRequired, $"Property '{name}' is now required.");
            }
            else
            {
                Breaking(Pointer(Pointer(pointer, "properties"), name), SchemaChangeKinds.RequiredPropertyAdded, $"Required property '{name}' was added.");
            }
        }

        foreach (var name in wasRequired.Except(isRequired).Order(StringComparer.Ordinal))
        {
            if (PropertyNames(after).Contains(name) || !oldProperties.Contains(name))
            {
                Benign(Pointer(pointer, "required"), SchemaChangeKinds.PropertyMadeOptional, $"Property '{name}' is no longer required.");
            }

            // A required property removed altogether is reported once, by CompareProperties.
        }
    }

    private void CompareProperties(JsonElement before, JsonElement after, JsonElement? b, JsonElement? a, string pointer, int depth)
    {
        var at = Pointer(pointer, "properties");
        var oldProperties = Members(b);
        var newProperties = Members(a);
        var nowRequired = StringSet(TryGet(after, "required"));
        var wasRequired = StringSet(TryGet(before, "required"));
        var closed = IsClosed(after);

        foreach (var (name, newSchema) in newProperties)
        {
            if (oldProperties.TryGetValue(name, out var oldSchema))
            {
                CompareSchema(oldSchema, newSchema, Pointer(at, name), depth + 1);
            }
            else if (!nowRequired.Contains(name))
            {
                Benign(Pointer(at, name), SchemaChangeKinds.OptionalPropertyAdded, $"Optional property '{name}' was added.");
            }
            else if (wasRequired.Contains(name) && !IsTrue(newSchema))
            {
                Breaking(Pointer(at, name), SchemaChangeKinds.SubschemaAdded, $"Required property '{name}' now has a schema constraining it.");
            }

            // A property both new and newly required is reported by CompareRequired.
        }

        foreach (var name in oldProperties.Keys.Where(n => !newProperties.ContainsKey(n)))
        {
            if (closed)
            {
                Breaking(Pointer(at, name), SchemaChangeKinds.PropertyRemoved, $"Property '{name}' was removed while additional properties are not allowed: payloads carrying it are rejected.");
            }
            else
            {
                Benign(Pointer(at, name), SchemaChangeKinds.PropertyRemoved, $"Property '{name}' was removed; additional properties are still allowed.");
            }
        }
    }

    private void CompareOpenness(string keyword, JsonElement? b, JsonElement? a, string at, int depth)
    {
        if (a is null || IsTrue(a.Value))
        {
            Benign(at, SchemaChangeKinds.AdditionalPropertiesRelaxed, $"'{keyword}' no longer restricts unknown properties.");
        }
        else if (b is null || IsTrue(b.Value) || IsFalse(a.Value))
        {
            Breaking(at, SchemaChangeKinds.AdditionalPropertiesRestricted, $"'{keyword}' now restricts unknown properties ({Show(a.Value)}).");
        }
        else
        {
            CompareSchema(b.Value, a.Value, at, depth + 1);
        }
    }

    private void CompareDependencies(string keyword, JsonElement? b, JsonElement? a, string at, int depth)
    {
        var oldMembers = Members(b);
        foreach (var (name, newValue) in Members(a))
        {
            if (!oldMembers.TryGetValue(name, out var oldValue))
            {
                Breaking(Pointer(at, name), SchemaChangeKinds.SubschemaAdded, $"A dependency on '{name}' was added.");
            }
            else if (newValue.ValueKind == JsonValueKind.Array && oldValue.ValueKind == JsonValueKind.Array)
            {
                var added = StringSet(newValue).Except(StringSet(oldValue)).ToList();
                if (added.Count > 0)
                {
                    Breaking(Pointer(at, name), SchemaChangeKinds.PropertyMadeRequired, $"With '{name}' present, {string.Join(", ", added.Select(n => $"'{n}'"))} now required.");
                }
                else if (!JsonElement.DeepEquals(oldValue, newValue))
                {
                    Benign(Pointer(at, name), SchemaChangeKinds.PropertyMadeOptional, $"With '{name}' present, fewer properties are required.");
                }
            }
            else
            {
                CompareSchema(oldValue, newValue, Pointer(at, name), depth + 1);
            }
        }

        foreach (var name in oldMembers.Keys.Where(n => a is null || !a.Value.TryGetProperty(n, out _)))
        {
            Benign(Pointer(at, name), SchemaChangeKinds.SubschemaRemoved, $"The '{keyword}' entry for '{name}' was removed.");
        }
    }

    private static bool IsClosed(JsonElement schema) =>
        (TryGet(schema, "additionalProperties") is { } additional && !IsTrue(additional)) ||
        (TryGet(schema, "unevaluatedProperties") is { } unevaluated && !IsTrue(unevaluated));

    private static HashSet<string> PropertyNames(JsonElement schema) => [.. Members(TryGet(schema, "properties")).Keys];

    private static Dictionary<string, JsonElement> Members(JsonElement? value)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (value is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (var property in obj.EnumerateObject())
            {
                members[property.Name] = property.Value;
            }
        }

        return members;
    }

    private static HashSet<string> StringSet(JsonElement? value)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (value is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    set.Add(item.GetString()!);
                }
            }
        }

        return set;
    }
}
