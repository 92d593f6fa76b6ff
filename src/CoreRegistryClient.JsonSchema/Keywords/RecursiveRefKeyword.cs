using System.Text.Json;
using CoreRegistryClient.JsonSchema.Compilation;
using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>$recursiveRef</c> (2019-09): when the target resource says <c>"$recursiveAnchor": true</c>, the
/// outermost resource in the dynamic scope that says so too is used instead.</summary>
internal sealed class RecursiveRefKeyword : ReferenceKeyword
{
    private SchemaNode _target = null!;
    private bool _dynamic;

    private RecursiveRefKeyword(SchemaNode owner, string name) : base(owner, name) { }

    public override SchemaNode StaticTarget => _target;

    public override IEnumerable<SchemaNode> MustSubschemas => _dynamic ? [] : [_target];

    public static Keyword Create(SchemaGraphBuilder builder, SchemaNode owner, SchemaLocation at, string name, JsonElement value)
    {
        var keyword = new RecursiveRefKeyword(owner, name);
        var reference = KeywordValues.String(value, keyword);
        var target = builder.Resolve(at, reference, keyword);
        keyword._target = builder.GetNode(target, name);
        if (ReferenceEquals(target, target.Resource.RootLocation) && target.Resource.RecursiveAnchor)
        {
            keyword._dynamic = true;
            builder.MarkDynamicScope(keyword);
        }

        return keyword;
    }

    /// <summary>The outermost resource of every dynamic scope comes first in the search: when it has a recursive
    /// anchor, that is always the target.</summary>
    public override bool TryResolveStatically(SchemaResource outermost)
    {
        if (_dynamic && outermost.RecursiveAnchor && outermost.RootNode is { } root)
        {
            _target = root;
            _dynamic = false;
        }

        return !_dynamic;
    }

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var target = _target;
        if (_dynamic)
        {
            foreach (var resource in ctx.State.Scope)
            {
                if (resource.RecursiveAnchor && resource.RootNode is not null)
                {
                    target = resource.RootNode;
                    break;
                }
            }
        }

        return Follow(target, ref ctx, token);
    }
}
