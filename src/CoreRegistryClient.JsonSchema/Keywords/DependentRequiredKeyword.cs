using System.Text;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>dependentRequired</c> (and the array form of draft 4-7 <c>dependencies</c>): when a property is
/// present, others must be too.</summary>
internal sealed class DependentRequiredKeyword : Keyword
{
    private readonly byte[][] _triggers;
    private readonly byte[][][] _names;
    private readonly string[][] _text;
    private readonly string?[]?[] _messages;

    private DependentRequiredKeyword(SchemaNode owner, string name, List<(string Trigger, List<string> Names)> entries) : base(owner, name)
    {
        _triggers = [.. entries.Select(e => Encoding.UTF8.GetBytes(e.Trigger))];
        _names = [.. entries.Select(e => e.Names.Select(Encoding.UTF8.GetBytes).ToArray())];
        _text = [.. entries.Select(e => e.Names.ToArray())];
        _messages = new string?[]?[entries.Count];
    }

    public override int Order => KeywordOrder.Shape;

    public static Keyword? Create(SchemaNode owner, string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw KeywordValues.Invalid(owner, name, "must be an object");
        }

        var entries = value.EnumerateObject().Select(p => (p.Name, KeywordValues.StringArray(p.Value, owner, name))).ToList();
        return entries.Count == 0 ? null : new DependentRequiredKeyword(owner, name, entries);
    }

    public static Keyword? FromEntries(SchemaNode owner, string name, List<(string Trigger, List<string> Names)> entries)
        => entries.Count == 0 ? null : new DependentRequiredKeyword(owner, name, entries);

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        if (ctx.Tape[token].Kind != JsonTokenKind.Object)
        {
            return true;
        }

        var valid = true;
        for (var i = 0; i < _triggers.Length; i++)
        {
            if (ObjectProperties.Find(ref ctx, token, _triggers[i]) >= 0 && !RequiredKeyword.Check(this, _names[i], _text[i], ref _messages[i], ref ctx, token))
            {
                valid = false;
                if (!ctx.Collect)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}
