namespace CoreRegistryClient.JsonSchema;

/// <summary>Options for compiling and validating schemas.</summary>
public sealed class JsonSchemaOptions
{
    /// <summary>The shared default options.</summary>
    public static JsonSchemaOptions Default { get; } = new();

    /// <summary>The draft used when a schema has no <c>$schema</c>. Default: <see cref="SchemaDraft.Draft202012"/>.</summary>
    public SchemaDraft DefaultDraft { get; init; } = SchemaDraft.Draft202012;

    /// <summary>Whether <c>format</c> is asserted (true) or only an annotation (false, the default as the specification says).</summary>
    public bool FormatAssertion { get; init; }

    /// <summary>Whether draft 7+ <c>contentEncoding</c> (<c>base64</c>) and <c>contentMediaType</c>
    /// (<c>application/json</c>) are asserted (true) or only annotations (false, the default, as other validators do).</summary>
    public bool ContentAssertion { get; init; }

    /// <summary>Whether schemas (and every document they load: registered or resolved) are validated against their
    /// meta-schema when compiled. Default: true.</summary>
    public bool ValidateSchema { get; init; } = true;

    /// <summary>The deepest instance nesting accepted; deeper documents are refused with <see cref="InputErrorKind.DepthExceeded"/>. Default: 128.</summary>
    public int MaxDepth { get; init; } = 128;

    /// <summary>The deepest nesting of objects and arrays accepted in a schema document (the root, a registered or a
    /// resolved one); deeper documents are refused with an <see cref="InvalidSchemaException"/> naming this limit
    /// and the location. Default: 256.</summary>
    public int MaxSchemaDepth { get; init; } = 256;

    /// <summary>How many references (<c>$ref</c>, <c>$dynamicRef</c>, <c>$recursiveRef</c>) evaluation may follow one
    /// inside another before it stops with <see cref="InputErrorKind.ReferenceDepthExceeded"/>. Default: 4096.</summary>
    public int MaxReferenceDepth { get; init; } = 4096;

    /// <summary>The time all backtracking regular-expression matches of one validation may take together, whatever
    /// the output format (patterns on the linear-time engine need none); once spent, the remaining backtracking
    /// matches count as failed and the result says <see cref="ValidationResult.RegexBudgetExceeded"/>.
    /// Default: 100 ms.</summary>
    public TimeSpan RegexBudget { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether error messages may quote instance values (payloads can carry personal data). Default: false.</summary>
    public bool IncludeValuesInMessages { get; init; }

    /// <summary>Resolves <c>$ref</c>s to documents not embedded or registered. Default: none (no remote fetch, ever).</summary>
    public ISchemaDocumentResolver? DocumentResolver { get; init; }
}
