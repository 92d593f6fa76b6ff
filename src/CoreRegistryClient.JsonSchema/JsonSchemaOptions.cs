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

    /// <summary>Whether schemas are validated against their meta-schema when compiled. Default: true.</summary>
    public bool ValidateSchema { get; init; } = true;

    /// <summary>The deepest instance nesting accepted; deeper documents are refused with <see cref="InputErrorKind.DepthExceeded"/>. Default: 128.</summary>
    public int MaxDepth { get; init; } = 128;

    /// <summary>The time limit for one regular-expression match when a pattern needs the backtracking engine. Default: 100 ms.</summary>
    public TimeSpan RegexMatchTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether error messages may quote instance values (payloads can carry personal data). Default: false.</summary>
    public bool IncludeValuesInMessages { get; init; }

    /// <summary>Resolves <c>$ref</c>s to documents not embedded or registered. Default: none (no remote fetch, ever).</summary>
    public ISchemaDocumentResolver? DocumentResolver { get; init; }
}
