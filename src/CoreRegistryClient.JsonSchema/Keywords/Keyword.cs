using CoreRegistryClient.JsonSchema.Compilation;
using CoreRegistryClient.JsonSchema.Evaluation;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>One compiled keyword of a schema object: decides everything it can at compile time and checks an
/// instance token at validation time.</summary>
internal abstract class Keyword
{
    protected Keyword(SchemaNode owner, string name)
    {
        Owner = owner;
        Name = name;
        Pointer = owner.Pointer + "/" + JsonPointer.Escape(name);
        AbsoluteLocation = owner.AbsoluteLocation + "/" + JsonPointer.EscapeForUri(name);
    }

    public SchemaNode Owner { get; }

    /// <summary>The keyword name as written (e.g. <c>required</c>).</summary>
    public string Name { get; }

    /// <summary>JSON Pointer of the keyword from its document root.</summary>
    public string Pointer { get; }

    /// <summary>Absolute URI of the keyword in its schema resource.</summary>
    public string AbsoluteLocation { get; }

    /// <summary>Where the keyword runs among its siblings: cheap checks first, unevaluated* last.</summary>
    public virtual int Order => KeywordOrder.Applicator;

    /// <summary>Subschemas applied to the same instance location (for cycle detection).</summary>
    public virtual IEnumerable<SchemaNode> InPlaceSubschemas => [];

    /// <summary>Checks the instance token; false when the instance fails this keyword.</summary>
    public abstract bool Evaluate(ref EvaluationContext ctx, int token);
}
