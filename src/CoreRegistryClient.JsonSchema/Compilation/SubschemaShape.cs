namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>How a keyword holds subschemas, for walking a schema document.</summary>
internal enum SubschemaShape
{
    None,
    Single,
    Array,
    SingleOrArray,
    Map,
}
