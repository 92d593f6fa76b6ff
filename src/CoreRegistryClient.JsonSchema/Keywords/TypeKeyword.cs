using System.Runtime.CompilerServices;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;
using CoreRegistryClient.JsonSchema.Numbers;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>type</c>: a bit mask of token kinds, plus an integer check for numbers.</summary>
internal sealed class TypeKeyword : Keyword
{
    private int _mask;
    private bool _integer;
    private bool _syntacticInteger;
    private string _expected = "";

    private TypeKeyword(SchemaNode owner, string name) : base(owner, name) { }

    public override int Order => KeywordOrder.Type;

    public static Keyword Create(SchemaNode owner, string name, JsonElement value, SchemaDraft draft)
    {
        var keyword = new TypeKeyword(owner, name) { _syntacticInteger = draft == SchemaDraft.Draft4 };
        var names = new List<string>();
        if (value.ValueKind == JsonValueKind.String)
        {
            names.Add(value.GetString()!);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            names.AddRange(KeywordValues.StringArray(value, owner, name));
        }
        else
        {
            throw KeywordValues.Invalid(keyword, "must be a type name or an array of them");
        }

        foreach (var type in names)
        {
            switch (type)
            {
                case "null": keyword._mask |= Bit(JsonTokenKind.Null); break;
                case "boolean": keyword._mask |= Bit(JsonTokenKind.True) | Bit(JsonTokenKind.False); break;
                case "object": keyword._mask |= Bit(JsonTokenKind.Object); break;
                case "array": keyword._mask |= Bit(JsonTokenKind.Array); break;
                case "number": keyword._mask |= Bit(JsonTokenKind.Number); break;
                case "string": keyword._mask |= Bit(JsonTokenKind.String); break;
                case "integer": keyword._integer = true; break;
                default: throw KeywordValues.Invalid(keyword, $"names an unknown type '{type}'");
            }
        }

        keyword._expected = names.Count == 1 ? names[0] : string.Join(", ", names);
        return keyword;
    }

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        ref var t = ref ctx.Tape[token];
        if (Accepts(ref t))
        {
            return true;
        }

        var kind = t.Kind;
        if (_integer && kind == JsonTokenKind.Number)
        {
            var raw = ctx.Raw(token);
            if (_syntacticInteger ? !NumberLimit.HasFractionOrExponent(raw) : NumberLimit.IsInteger(raw))
            {
                return true;
            }
        }

        return ctx.Collect && ctx.Fail(this, token, Message(kind));
    }

    /// <summary>Whether the token's kind alone passes (an integer written as one, for <c>integer</c>): no
    /// virtual call for the keywords that check the type along with others. False means look closer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Accepts(ref JsonToken t)
        => (_mask & Bit(t.Kind)) != 0 || (_integer && t.Kind == JsonTokenKind.Number && t.IntegerSyntax);

    /// <summary>The message for an instance of <paramref name="kind"/>, built once per process for each expected
    /// type and kind (a handful), so list output does not rebuild it for every error.</summary>
    private string Message(JsonTokenKind kind)
        => s_messages.GetOrAdd((_expected, kind), static key => $"The value must be of type {key.Expected}, not {KindName(key.Kind)}.");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Expected, JsonTokenKind Kind), string> s_messages = new();

    private static int Bit(JsonTokenKind kind) => 1 << (int)kind;

    private static string KindName(JsonTokenKind kind) => kind switch
    {
        JsonTokenKind.Object => "object",
        JsonTokenKind.Array => "array",
        JsonTokenKind.String => "string",
        JsonTokenKind.Number => "number",
        JsonTokenKind.Null => "null",
        _ => "boolean",
    };
}
