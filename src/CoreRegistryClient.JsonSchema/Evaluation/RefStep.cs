using CoreRegistryClient.JsonSchema.Keywords;

namespace CoreRegistryClient.JsonSchema.Evaluation;

/// <summary>One reference followed along the evaluation path, kept so keyword locations can be rebuilt when an error is reported.</summary>
internal readonly struct RefStep(Keyword reference, SchemaNode target)
{
    public Keyword Reference { get; } = reference;

    public SchemaNode Target { get; } = target;
}
