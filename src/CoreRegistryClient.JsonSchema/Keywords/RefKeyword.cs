using System.Text.Json;
using CoreRegistryClient.JsonSchema.Compilation;
using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>$ref</c>: evaluates the referenced schema in place.</summary>
internal sealed class RefKeyword : ReferenceKeyword
{
    private SchemaNode _target = null!;

    private RefKeyword(SchemaNode owner, string name) : base(owner, name) { }

    public override SchemaNode StaticTarget => _target;

    public override IEnumerable<SchemaNode> MustSubschemas => [_target];

    public static Keyword Create(SchemaGraphBuilder builder, SchemaNode owner, SchemaLocation at, string name, JsonElement value)
    {
        var keyword = new RefKeyword(owner, name);
        var reference = KeywordValues.String(value, keyword);
        keyword._target = builder.GetNode(builder.Resolve(at, reference, keyword), name);
        return keyword;
    }

    public override bool Evaluate(ref EvaluationContext ctx, int token) => Follow(_target, ref ctx, token);
}
