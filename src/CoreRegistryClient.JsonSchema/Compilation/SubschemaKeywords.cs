namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>Which keywords hold subschemas in which draft: only those places can declare ids and anchors
/// (an <c>$id</c> inside <c>enum</c> or an unknown keyword is just data).</summary>
internal static class SubschemaKeywords
{
    public static SubschemaShape ShapeOf(string keyword, SchemaDraft draft) => keyword switch
    {
        "properties" or "patternProperties" or "definitions" => SubschemaShape.Map,
        "dependencies" when draft <= SchemaDraft.Draft7 || draft >= SchemaDraft.Draft201909 => SubschemaShape.Map,
        "additionalProperties" or "additionalItems" or "not" => SubschemaShape.Single,
        "allOf" or "anyOf" or "oneOf" => SubschemaShape.Array,
        "items" when draft >= SchemaDraft.Draft202012 => SubschemaShape.Single,
        "items" => SubschemaShape.SingleOrArray,
        "contains" or "propertyNames" when draft >= SchemaDraft.Draft6 => SubschemaShape.Single,
        "if" or "then" or "else" when draft >= SchemaDraft.Draft7 => SubschemaShape.Single,
        "$defs" or "dependentSchemas" when draft >= SchemaDraft.Draft201909 => SubschemaShape.Map,
        "unevaluatedItems" or "unevaluatedProperties" or "contentSchema" when draft >= SchemaDraft.Draft201909 => SubschemaShape.Single,
        "prefixItems" when draft >= SchemaDraft.Draft202012 => SubschemaShape.Array,
        _ => SubschemaShape.None,
    };
}
