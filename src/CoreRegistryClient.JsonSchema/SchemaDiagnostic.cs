namespace CoreRegistryClient.JsonSchema;

/// <summary>Something compilation noticed about a valid schema that a service may want to act on (log it, alert on
/// it, refuse the schema by its own policy).</summary>
/// <param name="Kind">What was noticed.</param>
/// <param name="SchemaLocation">The absolute URI of the keyword concerned (e.g. <c>https://example.com/s#/properties/id/pattern</c>).</param>
/// <param name="Message">A description that names the remedy or the limit that applies.</param>
public sealed record SchemaDiagnostic(SchemaDiagnosticKind Kind, string SchemaLocation, string Message);

/// <summary>The kinds of <see cref="SchemaDiagnostic"/>.</summary>
public enum SchemaDiagnosticKind
{
    /// <summary>A pattern needs the backtracking regex engine (backreference, lookaround, word boundary, multiline
    /// anchor or a very large class), so its matches draw on <see cref="JsonSchemaOptions.RegexBudget"/>.</summary>
    BacktrackingPattern,

    /// <summary>A pattern on the backtracking engine also nests quantifiers (<c>(a+)+</c>): it can take exponential
    /// time on some inputs, and only the regex budget bounds it.</summary>
    CatastrophicPattern,
}
