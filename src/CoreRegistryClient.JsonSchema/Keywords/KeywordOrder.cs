namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>Evaluation order buckets: cheap checks first so flag output fails fast; unevaluated* must run last
/// because they read what every sibling evaluated.</summary>
internal static class KeywordOrder
{
    public const int Type = 0;
    public const int Value = 10;
    public const int Scalar = 20;
    public const int Shape = 30;
    public const int Applicator = 40;
    public const int Reference = 50;
    public const int Combinator = 60;
    public const int Format = 70;
    public const int Unevaluated = 100;
}
