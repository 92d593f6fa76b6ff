using CoreRegistryClient.JsonSchema.Compilation;
using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>One compiled keyword of a schema object: decides everything it can at compile time and checks an
/// instance token at validation time.</summary>
internal abstract class Keyword
{
    private string? _pointer;
    private string? _absoluteLocation;

    protected Keyword(SchemaNode owner, string name)
    {
        Owner = owner;
        Name = name;
    }

    public SchemaNode Owner { get; }

    /// <summary>This keyword's location through the references last followed to it (list output; see
    /// <see cref="ChainedLocation"/>).</summary>
#pragma warning disable CA1051 // A field, so evaluation can replace it in place.
    internal ChainedLocation? LocationViaReferences;
#pragma warning restore CA1051

    /// <summary>The keyword name as written (e.g. <c>required</c>).</summary>
    public string Name { get; }

    /// <summary>JSON Pointer of the keyword from its document root (built on first use: errors only).</summary>
    public string Pointer => _pointer ??= Owner.Pointer + "/" + JsonPointer.Escape(Name);

    /// <summary>Absolute URI of the keyword in its schema resource (built on first use).</summary>
    public string AbsoluteLocation => _absoluteLocation ??= Owner.AbsoluteLocation + "/" + JsonPointer.EscapeForUri(Name);

    /// <summary>Where the keyword runs among its siblings: cheap checks first, unevaluated* last.</summary>
    public virtual int Order => KeywordOrder.Applicator;

    /// <summary>Subschemas applied to the same instance location (for cycle detection).</summary>
    public virtual IEnumerable<SchemaNode> InPlaceSubschemas => [];

    /// <summary>The in-place subschemas every evaluation of this keyword applies, whatever the instance (a cycle
    /// through these alone recurses for every instance).</summary>
    public virtual IEnumerable<SchemaNode> MustSubschemas => [];

    /// <summary>Checks the instance token; false when the instance fails this keyword.</summary>
    public abstract bool Evaluate(ref EvaluationContext ctx, int token);
}
