using System.Runtime.CompilerServices;
using CoreRegistryClient.JsonSchema.Compilation;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>A compiled schema (object or boolean): its keywords in evaluation order.</summary>
internal sealed class SchemaNode
{
    private readonly SchemaLocation _location;

    public SchemaNode(SchemaLocation location, string parentKeyword, int id)
    {
        _location = location;
        Id = id;
        Resource = location.Resource;
        ParentKeyword = parentKeyword;
    }

    /// <summary>JSON Pointer from the document root (built on first use: errors only).</summary>
    public string Pointer => _location.Pointer;

    /// <summary>Absolute URI of this schema in its resource (<c>base#/pointer</c>; built on first use).</summary>
    public string AbsoluteLocation => _location.AbsoluteLocation;

    public SchemaResource Resource { get; }

    /// <summary>This schema's location through the references last followed to it (a failing <c>false</c> schema
    /// in list output; see <see cref="ChainedLocation"/>).</summary>
#pragma warning disable CA1051 // A field, so evaluation can replace it in place.
    internal ChainedLocation? LocationViaReferences;
#pragma warning restore CA1051

    /// <summary>The node's index among the nodes of its compilation (for graph analyses).</summary>
    public int Id { get; }

    /// <summary>The keyword holding this subschema, reported when a <c>false</c> schema fails.</summary>
    public string ParentKeyword { get; }

    private bool _plain;

    // The one keyword of a plain schema that has only one.
    private Keyword? _single;

    public Keyword[] Keywords { get; private set; } = [];

    public bool AlwaysValid { get; private set; }

    public bool AlwaysInvalid { get; private set; }

    /// <summary>Whether this schema has <c>unevaluatedProperties</c> and so records evaluated properties.</summary>
    public bool TracksProperties { get; private set; }

    /// <summary>Whether this schema has <c>unevaluatedItems</c> and so records evaluated items.</summary>
    public bool TracksItems { get; private set; }

    public void SetBoolean(bool value)
    {
        AlwaysValid = value;
        AlwaysInvalid = !value;
        _plain = value;
        _single = null;
    }

    public void SetKeywords(List<Keyword> keywords)
    {
        KeywordFusion.Fuse(keywords);
        keywords.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        Keywords = [.. keywords];
        AlwaysValid = Keywords.Length == 0;
        TracksProperties = keywords.Exists(static k => k is UnevaluatedPropertiesKeyword);
        TracksItems = keywords.Exists(static k => k is UnevaluatedItemsKeyword);
        _plain = !TracksProperties && !TracksItems;
        _single = _plain && Keywords.Length == 1 ? Keywords[0] : null;
    }

    public bool Evaluate(ref EvaluationContext ctx, int token)
    {
        // Most property schemas are one (fused) keyword: a call straight to it, from a method small enough to
        // save no registers.
        if (_single is not null && !ctx.ProbeStack && !ctx.TrackScope)
        {
            return _single.Evaluate(ref ctx, token);
        }

        return EvaluateKeywords(ref ctx, token);
    }

    private bool EvaluateKeywords(ref EvaluationContext ctx, int token)
    {
        if (ctx.ProbeStack && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return ctx.State.HitLimit(InputErrorKind.DepthExceeded, token);
        }

        // The common case first: keywords only, no annotation frame, no dynamic scope to maintain.
        if (_plain && !ctx.TrackScope)
        {
            var keywords = Keywords;
            if (ctx.Collect)
            {
                var valid = true;
                for (var i = 0; i < keywords.Length; i++)
                {
                    valid &= keywords[i].Evaluate(ref ctx, token);
                }

                return valid;
            }

            for (var i = 0; i < keywords.Length; i++)
            {
                if (!keywords[i].Evaluate(ref ctx, token))
                {
                    return false;
                }
            }

            return true;
        }

        return EvaluateWithBookkeeping(ref ctx, token);
    }

    private bool EvaluateWithBookkeeping(ref EvaluationContext ctx, int token)
    {
        if (AlwaysValid)
        {
            return true;
        }

        if (AlwaysInvalid)
        {
            return ctx.FailSchema(this, token);
        }

        var scoped = ctx.TrackScope && ctx.State.PushScope(Resource);
        var framed = false;
        if (TracksProperties || TracksItems)
        {
            ref var t = ref ctx.Tape[token];
            if ((TracksProperties && t.Kind == JsonTokenKind.Object) || (TracksItems && t.Kind == JsonTokenKind.Array))
            {
                ctx.State.PushFrame(token, t.Count);
                framed = true;
            }
        }

        var valid = true;
        var keywords = Keywords;
        for (var i = 0; i < keywords.Length; i++)
        {
            if (!keywords[i].Evaluate(ref ctx, token))
            {
                valid = false;
                if (!ctx.Collect)
                {
                    break;
                }
            }
        }

        if (framed)
        {
            ctx.State.PopFrame(valid);
        }

        if (scoped)
        {
            ctx.State.PopScope();
        }

        return valid;
    }

    /// <summary>Evaluates <paramref name="node"/> in place; when annotations are being recorded for this token, the
    /// node's annotations only count if it passes (anyOf/oneOf branches, if).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EvaluateIsolated(SchemaNode node, ref EvaluationContext ctx, int token)
    {
        if (ctx.State.TrackedToken != token)
        {
            return node.Evaluate(ref ctx, token);
        }

        ctx.State.PushFrame(token, ctx.Tape[token].Count);
        var valid = node.Evaluate(ref ctx, token);
        ctx.State.PopFrame(valid);
        return valid;
    }
}
