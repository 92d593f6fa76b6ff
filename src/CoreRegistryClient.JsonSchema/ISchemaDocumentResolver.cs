namespace CoreRegistryClient.JsonSchema;

/// <summary>Supplies schema documents for <c>$ref</c>s that are neither embedded nor registered.</summary>
/// <remarks>The engine never fetches anything over the network by itself: a service that compiles schemas it
/// received from elsewhere would otherwise be an SSRF hole. Supply a resolver to opt in.</remarks>
public interface ISchemaDocumentResolver
{
    /// <summary>Returns the JSON text of the document at <paramref name="documentUri"/> (no fragment), or <see langword="null"/> if unknown.</summary>
    string? Resolve(Uri documentUri);
}
