namespace CoreRegistryClient.JsonSchema.Evaluation;

/// <summary>Which children (properties or items, by ordinal) of one instance container some successful
/// in-place subschema has evaluated; the bits live in the state's bit buffer.</summary>
internal struct AnnotationFrame
{
    public int Token;
    public int Offset;
    public int Words;
}
