namespace CoreRegistryClient.JsonSchema.Evaluation;

/// <summary>Per-validator facts fixed at compile time that evaluation consults.</summary>
internal sealed class ValidatorSettings
{
    public bool IncludeValuesInMessages { get; init; }

    /// <summary>Whether the compiled graph uses <c>$dynamicRef</c>/<c>$recursiveRef</c>, so the dynamic scope must be kept.</summary>
    public bool TrackScope { get; set; }

    /// <summary>Length of the root schema's document pointer, stripped from keyword locations.</summary>
    public int RootPointerLength { get; init; }

    /// <summary>How many <c>$ref</c>s may be nested before evaluation gives up (cycle backstop).</summary>
    public int MaxRefDepth { get; init; }
}
