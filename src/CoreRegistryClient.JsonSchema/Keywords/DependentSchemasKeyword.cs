using System.Text;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>dependentSchemas</c> (and the schema form of draft 4-7 <c>dependencies</c>): when a property is
/// present, the whole object must also match a schema.</summary>
internal sealed class DependentSchemasKeyword : Keyword
{
    private readonly byte[][] _triggers;
    private readonly SchemaNode[] _schemas;

    public DependentSchemasKeyword(SchemaNode owner, string name, List<(string Trigger, SchemaNode Schema)> entries) : base(owner, name)
    {
        _triggers = [.. entries.Select(e => Encoding.UTF8.GetBytes(e.Trigger))];
        _schemas = [.. entries.Select(e => e.Schema)];
    }

    public override int Order => KeywordOrder.Combinator;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => _schemas;

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        if (ctx.Tape[token].Kind != JsonTokenKind.Object)
        {
            return true;
        }

        var valid = true;
        for (var i = 0; i < _triggers.Length; i++)
        {
            if (ObjectProperties.Find(ref ctx, token, _triggers[i]) >= 0 && !_schemas[i].Evaluate(ref ctx, token))
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
