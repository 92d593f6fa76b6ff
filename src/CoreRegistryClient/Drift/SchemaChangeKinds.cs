namespace CoreRegistryClient.Drift;

/// <summary>The stable codes of <see cref="SchemaChange.Kind"/>, as written into drift reports.</summary>
internal static class SchemaChangeKinds
{
    /// <summary>Breaking: a new property that payloads must now carry.</summary>
    public const string RequiredPropertyAdded = "required_property_added";
    /// <summary>Breaking: an existing optional property became required.</summary>
    public const string PropertyMadeRequired = "property_made_required";
    /// <summary>Benign: a required property became optional.</summary>
    public const string PropertyMadeOptional = "property_made_optional";
    /// <summary>Benign: a new optional property.</summary>
    public const string OptionalPropertyAdded = "optional_property_added";
    /// <summary>Breaking when additional properties are forbidden (payloads carrying it are rejected), benign otherwise.</summary>
    public const string PropertyRemoved = "property_removed";
    /// <summary>Breaking: <c>additionalProperties</c>/<c>unevaluatedProperties</c> now forbids or constrains unknown properties.</summary>
    public const string AdditionalPropertiesRestricted = "additional_properties_restricted";
    /// <summary>Benign: unknown properties are allowed again.</summary>
    public const string AdditionalPropertiesRelaxed = "additional_properties_relaxed";
    /// <summary>Breaking: fewer JSON types are accepted.</summary>
    public const string TypeNarrowed = "type_narrowed";
    /// <summary>Benign: more JSON types are accepted.</summary>
    public const string TypeWidened = "type_widened";
    /// <summary>Breaking: an accepted enum value is gone.</summary>
    public const string EnumValueRemoved = "enum_value_removed";
    /// <summary>Benign: a new enum value is accepted.</summary>
    public const string EnumValueAdded = "enum_value_added";
    /// <summary>Breaking: a value that was free is now restricted to a list.</summary>
    public const string EnumAdded = "enum_added";
    /// <summary>Benign: the value is no longer restricted to a list.</summary>
    public const string EnumRemoved = "enum_removed";
    /// <summary>Breaking: a <c>const</c> was added or changed.</summary>
    public const string ConstChanged = "const_changed";
    /// <summary>Benign: a <c>const</c> was removed.</summary>
    public const string ConstRemoved = "const_removed";
    /// <summary>Breaking: a minimum raised, a maximum lowered, a bound or <c>multipleOf</c> added, <c>uniqueItems</c> turned on.</summary>
    public const string BoundTightened = "bound_tightened";
    /// <summary>Benign: a minimum lowered, a maximum raised, a bound removed.</summary>
    public const string BoundWidened = "bound_widened";
    /// <summary>Breaking: a string must now match a pattern.</summary>
    public const string PatternAdded = "pattern_added";
    /// <summary>Breaking: the pattern is different.</summary>
    public const string PatternChanged = "pattern_changed";
    /// <summary>Benign: the pattern is gone.</summary>
    public const string PatternRemoved = "pattern_removed";
    /// <summary>Breaking: a string must now have a format.</summary>
    public const string FormatAdded = "format_added";
    /// <summary>Breaking: the format is different.</summary>
    public const string FormatChanged = "format_changed";
    /// <summary>Benign: the format is gone.</summary>
    public const string FormatRemoved = "format_removed";
    /// <summary>Benign: the description changed.</summary>
    public const string DescriptionChanged = "description_changed";
    /// <summary>Benign: another annotation (title, examples, default, <c>$comment</c>, unknown keywords) changed.</summary>
    public const string AnnotationChanged = "annotation_changed";
    /// <summary>Breaking: a new constraining subschema (e.g. <c>items</c>, an <c>allOf</c> branch, <c>not</c>).</summary>
    public const string SubschemaAdded = "subschema_added";
    /// <summary>Benign: a constraining subschema removed.</summary>
    public const string SubschemaRemoved = "subschema_removed";
    /// <summary>Breaking: the schema at this place now rejects everything (<c>false</c>).</summary>
    public const string SchemaForbidden = "schema_forbidden";
    /// <summary>Benign: the schema at this place now accepts everything (<c>true</c>).</summary>
    public const string SchemaRelaxed = "schema_relaxed";
    /// <summary>Breaking: a <c>$ref</c> points elsewhere (its effect cannot be judged without resolving it).</summary>
    public const string ReferenceChanged = "reference_changed";
    /// <summary>Breaking: a constraint changed in a way that is not known to be safe (<c>not</c>, <c>if</c>, a <c>oneOf</c> branch count...).</summary>
    public const string ConstraintChanged = "constraint_changed";
    /// <summary>Benign: a definition added or removed (its uses are judged where they are referenced).</summary>
    public const string DefinitionChanged = "definition_changed";
}
