using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>enum</c>: JSON equality with one of the listed values.</summary>
internal sealed class EnumKeyword : Keyword
{
    private readonly ConstantValue[] _values;
    private readonly string _listing;

    private EnumKeyword(SchemaNode owner, string name, JsonElement value) : base(owner, name)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw KeywordValues.Invalid(this, "must be an array");
        }

        _values = [.. value.EnumerateArray().Select(ConstantValue.From)];
        var listing = value.GetRawText();
        _listing = listing.Length <= 200 ? listing : listing[..200] + "...";
    }

    public override int Order => KeywordOrder.Value;

    public static Keyword Create(SchemaNode owner, string name, JsonElement value) => new EnumKeyword(owner, name, value);

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        foreach (var value in _values)
        {
            if (value.Matches(ctx.Json, ctx.Tape, token))
            {
                return true;
            }
        }

        return ctx.Collect && ctx.Fail(this, token, $"The value must be one of {_listing}.");
    }
}
