using CoreRegistryClient.JsonSchema.Keywords;

namespace CoreRegistryClient.JsonSchema.Evaluation;

/// <summary>Per-validator facts fixed at compile time that evaluation consults.</summary>
internal sealed class ValidatorSettings
{
    public bool IncludeValuesInMessages { get; init; }

    /// <summary>Whether the compiled graph uses <c>$dynamicRef</c>/<c>$recursiveRef</c>, so the dynamic scope must be kept.</summary>
    public bool TrackScope { get; set; }

    /// <summary>Instances nesting at most this deep are evaluated without stack probes (the recursion they cause is
    /// small); deeper ones (a raised <see cref="JsonSchemaOptions.MaxDepth"/>) probe before each subschema.</summary>
    public const int UnprobedInstanceDepth = 128;

    /// <summary>How many references may be nested before evaluation stops (<see cref="JsonSchemaOptions.MaxReferenceDepth"/>).</summary>
    public int MaxRefDepth { get; init; }

    /// <summary>The regex budget of one validation in <see cref="System.Diagnostics.Stopwatch"/> ticks (<see cref="long.MaxValue"/>: none).</summary>
    public long RegexBudgetTicks { get; init; } = long.MaxValue;

    /// <summary>The compiled root schema.</summary>
    public SchemaNode? Root { get; init; }

    // Built on the first list-output error, so compiling pays nothing for it; a race only builds an equal table twice.
    private RootPropertyPointers? _rootPointers;

    /// <summary>The instance pointers of the root's declared properties (list output).</summary>
    public RootPropertyPointers RootPointers => _rootPointers ??= Root is null ? RootPropertyPointers.None : RootPropertyPointers.For(Root);
}
