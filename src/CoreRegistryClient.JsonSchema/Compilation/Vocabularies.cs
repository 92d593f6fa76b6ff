namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>The vocabularies whose keywords a schema resource honours (2019-09+ <c>$vocabulary</c>; older drafts use all).</summary>
[Flags]
internal enum Vocabularies
{
    None = 0,
    Core = 1,
    Applicator = 2,
    Unevaluated = 4,
    Validation = 8,
    MetaData = 16,
    FormatAnnotation = 32,
    FormatAssertion = 64,
    Content = 128,
    Default = Core | Applicator | Unevaluated | Validation | MetaData | FormatAnnotation | Content,
}
