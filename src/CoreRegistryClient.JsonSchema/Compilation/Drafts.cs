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

    /// <summary>The draft a standard meta-schema URI names, or null for any other URI.</summary>
    public static SchemaDraft? FromMetaSchemaUri(string uri)
    {
        var u = uri.TrimEnd('#');
        if (u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            u = "http://" + u[8..];
        }

        return u.ToUpperInvariant() switch
        {
            "HTTP://JSON-SCHEMA.ORG/DRAFT-04/SCHEMA" => SchemaDraft.Draft4,
            "HTTP://JSON-SCHEMA.ORG/DRAFT-06/SCHEMA" => SchemaDraft.Draft6,
            "HTTP://JSON-SCHEMA.ORG/DRAFT-07/SCHEMA" => SchemaDraft.Draft7,
            "HTTP://JSON-SCHEMA.ORG/DRAFT/2019-09/SCHEMA" => SchemaDraft.Draft201909,
            "HTTP://JSON-SCHEMA.ORG/DRAFT/2020-12/SCHEMA" => SchemaDraft.Draft202012,
            _ => null,
        };
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
