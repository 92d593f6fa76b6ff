using System.Text.Json;
using CoreRegistryClient.JsonSchema.Compilation;
using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>$dynamicRef</c> (2020-12): when the statically resolved target declares the same
/// <c>$dynamicAnchor</c>, the outermost resource in the dynamic scope declaring it wins.</summary>
internal sealed class DynamicRefKeyword : ReferenceKeyword
{
    private SchemaNode _target = null!;
    private string? _anchor;

    private DynamicRefKeyword(SchemaNode owner, string name) : base(owner, name) { }

    public override SchemaNode StaticTarget => _target;

    public override IEnumerable<SchemaNode> MustSubschemas => _anchor is null ? [_target] : [];

    public static Keyword Create(SchemaGraphBuilder builder, SchemaNode owner, SchemaLocation at, string name, JsonElement value)
    {
        var keyword = new DynamicRefKeyword(owner, name);
        var reference = KeywordValues.String(value, keyword);
        var target = builder.Resolve(at, reference, keyword);
        keyword._target = builder.GetNode(target, name);
        var (_, fragment) = UriTools.Split(UriTools.Resolve(at.BaseUri, reference));
        if (fragment.Length > 0 && fragment[0] != '/'
            && target.Resource.DynamicAnchorLocations.TryGetValue(fragment, out var anchored)
            && ReferenceEquals(anchored, target))
        {
            keyword._anchor = fragment;
            builder.MarkDynamicScope(keyword);
        }

        return keyword;
    }

    /// <summary>The outermost resource of every dynamic scope comes first in the search: when it declares the anchor,
    /// that is always the target.</summary>
    public override bool TryResolveStatically(SchemaResource outermost)
    {
        if (_anchor is not null && outermost.DynamicAnchors.TryGetValue(_anchor, out var target))
        {
            _target = target;
            _anchor = null;
        }

        return _anchor is null;
    }

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        var target = _target;
        if (_anchor is not null)
        {
            foreach (var resource in ctx.State.Scope)
            {
                if (resource.DynamicAnchors.TryGetValue(_anchor, out var dynamicTarget))
                {
                    target = dynamicTarget;
                    break;
                }
            }
        }

        return Follow(target, ref ctx, token);
    }
}
