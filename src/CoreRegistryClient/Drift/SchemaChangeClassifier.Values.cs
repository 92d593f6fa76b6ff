using System.Text.Json;

namespace CoreRegistryClient.Drift;

internal sealed partial class SchemaChangeClassifier
{
    private static readonly string[] AllTypes = ["array", "boolean", "integer", "null", "number", "object", "string"];

    private void CompareType(JsonElement? b, JsonElement? a, string at)
    {
        var before = Types(b);
        var after = Types(a);
        var lost = before.Where(t => !Accepts(after, t)).ToList();
        var gained = after.Where(t => !Accepts(before, t)).ToList();
        if (lost.Count > 0)
        {
            Breaking(at, SchemaChangeKinds.TypeNarrowed, $"Type no longer accepts {string.Join(", ", lost)} (was {Describe(b)}, now {Describe(a)}).");
        }
        else if (gained.Count > 0)
        {
            Benign(at, SchemaChangeKinds.TypeWidened, $"Type now also accepts {string.Join(", ", gained)}.");
        }

        static string Describe(JsonElement? type) => type is { } t ? Show(t) : "any";
    }

    private void CompareEnum(JsonElement? b, JsonElement? a, string at)
    {
        if (b is null)
        {
            Breaking(at, SchemaChangeKinds.EnumAdded, $"Values are now restricted to {Show(a!.Value)}.");
            return;
        }

        if (a is null)
        {
            Benign(at, SchemaChangeKinds.EnumRemoved, "Values are no longer restricted to a list.");
            return;
        }

        var oldValues = Items(b.Value);
        var newValues = Items(a.Value);
        var removed = oldValues.Where(o => !newValues.Any(n => JsonElement.DeepEquals(o, n))).ToList();
        var added = newValues.Where(n => !oldValues.Any(o => JsonElement.DeepEquals(o, n))).ToList();
        if (removed.Count > 0)
        {
            Breaking(at, SchemaChangeKinds.EnumValueRemoved, $"Enum value(s) removed: {string.Join(", ", removed.Select(Show))}.");
        }

        if (added.Count > 0)
        {
            Benign(at, SchemaChangeKinds.EnumValueAdded, $"Enum value(s) added: {string.Join(", ", added.Select(Show))}.");
        }
    }

    private void CompareConst(JsonElement? b, JsonElement? a, string at)
    {
        if (a is null)
        {
            Benign(at, SchemaChangeKinds.ConstRemoved, "The value is no longer fixed.");
        }
        else
        {
            Breaking(at, SchemaChangeKinds.ConstChanged, b is null ? $"The value is now fixed to {Show(a.Value)}." : $"The fixed value changed from {Show(b.Value)} to {Show(a.Value)}.");
        }
    }

    private void CompareBound(string keyword, JsonElement? b, JsonElement? a, string at, bool lower)
    {
        var before = Number(b);
        var after = Number(a);
        if (b is not null && before is null || a is not null && after is null)
        {
            // Not a number (e.g. draft-04's boolean exclusiveMinimum): judge conservatively.
            Breaking(at, SchemaChangeKinds.ConstraintChanged, $"'{keyword}' changed from {Show(b)} to {Show(a)}.");
            return;
        }

        var tightened = (before, after) switch
        {
            (null, not null) => true,
            (not null, null) => false,
            _ => lower ? after > before : after < before,
        };
        if (tightened)
        {
            Breaking(at, SchemaChangeKinds.BoundTightened, $"'{keyword}' tightened from {Show(b)} to {Show(a)}.");
        }
        else
        {
            Benign(at, SchemaChangeKinds.BoundWidened, $"'{keyword}' widened from {Show(b)} to {Show(a)}.");
        }
    }

    private void CompareMultipleOf(JsonElement? b, JsonElement? a, string at)
    {
        var before = Number(b);
        var after = Number(a);
        // Widened only when every old multiple is still a multiple: the new step divides the old one.
        var widened = after is null || (before is { } old && after is { } step && step != 0 && old % step == 0);
        if (widened)
        {
            Benign(at, SchemaChangeKinds.BoundWidened, $"'multipleOf' widened from {Show(b)} to {Show(a)}.");
        }
        else
        {
            Breaking(at, SchemaChangeKinds.BoundTightened, $"'multipleOf' tightened from {Show(b)} to {Show(a)}.");
        }
    }

    private void CompareUniqueItems(JsonElement? b, JsonElement? a, string at)
    {
        var before = b?.ValueKind == JsonValueKind.True;
        var after = a?.ValueKind == JsonValueKind.True;
        if (after && !before)
        {
            Breaking(at, SchemaChangeKinds.BoundTightened, "Array items must now be unique.");
        }
        else if (before && !after)
        {
            Benign(at, SchemaChangeKinds.BoundWidened, "Array items no longer need to be unique.");
        }
    }

    private void CompareStringConstraint(string keyword, JsonElement? b, JsonElement? a, string at, string addedKind, string changedKind, string removedKind)
    {
        if (b is null)
        {
            Breaking(at, addedKind, $"Strings must now match {keyword} {Show(a!.Value)}.");
        }
        else if (a is null)
        {
            Benign(at, removedKind, $"The {keyword} {Show(b.Value)} was removed.");
        }
        else
        {
            Breaking(at, changedKind, $"The {keyword} changed from {Show(b.Value)} to {Show(a.Value)}.");
        }
    }

    private static string[] Types(JsonElement? type) => type switch
    {
        null => AllTypes,
        { ValueKind: JsonValueKind.String } t => [t.GetString()!],
        { ValueKind: JsonValueKind.Array } t => [.. t.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
        _ => AllTypes,
    };

    private static bool Accepts(string[] types, string type) =>
        types.Contains(type) || (type == "integer" && types.Contains("number"));

    private static List<JsonElement> Items(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? [.. array.EnumerateArray()] : [array];

    private static decimal? Number(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Number } n && n.TryGetDecimal(out var d) ? d
        : value is { ValueKind: JsonValueKind.Number } big ? (decimal)Math.Clamp(big.GetDouble(), (double)decimal.MinValue, (double)decimal.MaxValue)
        : null;

    private static string Show(JsonElement? value) => value is { } v ? Show(v) : "(none)";
}
