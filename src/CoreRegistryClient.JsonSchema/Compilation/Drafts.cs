namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>Meta-schema URIs of the drafts and the vocabulary URIs of 2019-09 and 2020-12.</summary>
internal static class Drafts
{
    public const string Draft4 = "http://json-schema.org/draft-04/schema";
    public const string Draft6 = "http://json-schema.org/draft-06/schema";
    public const string Draft7 = "http://json-schema.org/draft-07/schema";
    public const string Draft201909 = "https://json-schema.org/draft/2019-09/schema";
    public const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    public static string MetaSchemaUri(SchemaDraft draft) => draft switch
    {
        SchemaDraft.Draft4 => Draft4,
        SchemaDraft.Draft6 => Draft6,
        SchemaDraft.Draft7 => Draft7,
        SchemaDraft.Draft201909 => Draft201909,
        _ => Draft202012,
    };

    /// <summary>The draft a standard meta-schema URI names (either scheme, any case, with or without an empty
    /// fragment), or null for any other URI. Allocation-free: every compilation asks it.</summary>
    public static SchemaDraft? FromMetaSchemaUri(string uri)
    {
        var u = uri.AsSpan().TrimEnd('#');
        if (u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            u = u[8..];
        }
        else if (u.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            u = u[7..];
        }
        else
        {
            return null;
        }

        return u.Equals("json-schema.org/draft/2020-12/schema", StringComparison.OrdinalIgnoreCase) ? SchemaDraft.Draft202012
            : u.Equals("json-schema.org/draft/2019-09/schema", StringComparison.OrdinalIgnoreCase) ? SchemaDraft.Draft201909
            : u.Equals("json-schema.org/draft-07/schema", StringComparison.OrdinalIgnoreCase) ? SchemaDraft.Draft7
            : u.Equals("json-schema.org/draft-06/schema", StringComparison.OrdinalIgnoreCase) ? SchemaDraft.Draft6
            : u.Equals("json-schema.org/draft-04/schema", StringComparison.OrdinalIgnoreCase) ? SchemaDraft.Draft4
            : null;
    }

    /// <summary>The draft a <c>$schema</c> value names (null for a custom meta-schema) and the meta-schema's URI in
    /// canonical form. Only a value that is not a standard URI as written pays for URI normalisation.</summary>
    public static (SchemaDraft? Draft, string Uri) Declared(string value)
    {
        if (FromMetaSchemaUri(value) is { } draft)
        {
            return (draft, MetaSchemaUri(draft));
        }

        var normalized = UriTools.Normalize(value);
        return FromMetaSchemaUri(normalized) is { } known ? (known, MetaSchemaUri(known)) : (null, normalized);
    }

    /// <summary>The vocabulary a <c>$vocabulary</c> URI names, or null when unknown.</summary>
    public static Vocabularies? VocabularyFromUri(string uri) => uri switch
    {
        "https://json-schema.org/draft/2020-12/vocab/core" => Vocabularies.Core,
        "https://json-schema.org/draft/2020-12/vocab/applicator" => Vocabularies.Applicator,
        "https://json-schema.org/draft/2020-12/vocab/unevaluated" => Vocabularies.Unevaluated,
        "https://json-schema.org/draft/2020-12/vocab/validation" => Vocabularies.Validation,
        "https://json-schema.org/draft/2020-12/vocab/meta-data" => Vocabularies.MetaData,
        "https://json-schema.org/draft/2020-12/vocab/format-annotation" => Vocabularies.FormatAnnotation,
        "https://json-schema.org/draft/2020-12/vocab/format-assertion" => Vocabularies.FormatAssertion,
        "https://json-schema.org/draft/2020-12/vocab/content" => Vocabularies.Content,
        "https://json-schema.org/draft/2019-09/vocab/core" => Vocabularies.Core,
        "https://json-schema.org/draft/2019-09/vocab/applicator" => Vocabularies.Applicator | Vocabularies.Unevaluated,
        "https://json-schema.org/draft/2019-09/vocab/validation" => Vocabularies.Validation,
        "https://json-schema.org/draft/2019-09/vocab/meta-data" => Vocabularies.MetaData,
        "https://json-schema.org/draft/2019-09/vocab/format" => Vocabularies.FormatAnnotation,
        "https://json-schema.org/draft/2019-09/vocab/content" => Vocabularies.Content,
        _ => null,
    };
}
