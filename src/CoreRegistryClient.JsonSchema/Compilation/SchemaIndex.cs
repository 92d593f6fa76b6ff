using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>The documents of one compilation and what they declare: resources and their base URIs, anchors,
/// dynamic anchors and every subschema location. Resolves references, loading documents from the embedded
/// meta-schemas, the compiler's registrations or the caller's resolver — never from the network.</summary>
internal sealed class SchemaIndex
{
    private readonly Func<string, JsonElement?> _registered;
    private readonly Dictionary<string, SchemaResource> _resources = new(StringComparer.Ordinal);
    private readonly List<SchemaResource> _allResources = [];
    private readonly Dictionary<(int, string), SchemaLocation> _locations = [];
    private int _nextDocumentId;

    public SchemaIndex(JsonSchemaOptions options, Func<string, JsonElement?> registered)
    {
        Options = options;
        _registered = registered;
    }

    public JsonSchemaOptions Options { get; }

    /// <summary>Every resource indexed so far, in the order found (grows as references load documents).</summary>
    public IReadOnlyList<SchemaResource> Resources => _allResources;

    /// <summary>The location at a document pointer (which must have been indexed).</summary>
    public SchemaLocation At(SchemaDocument document, string pointer) => _locations[(document.Id, pointer)];

    /// <summary>The location of the subschema at <c>keyword</c> (or <c>keyword/segment</c>) of <paramref name="parent"/>.</summary>
    public SchemaLocation Child(SchemaLocation parent, string keyword, string? segment = null)
    {
        var pointer = parent.Pointer + "/" + JsonPointer.Escape(keyword);
        var element = parent.Element.GetProperty(keyword);
        if (segment is not null)
        {
            pointer += "/" + JsonPointer.Escape(segment);
            if (!JsonPointer.TryStep(element, segment, out element))
            {
                throw new InvalidSchemaException($"No subschema at '{pointer}'.", parent.AbsoluteLocation);
            }
        }

        var key = (parent.Document.Id, pointer);
        if (!_locations.TryGetValue(key, out var location))
        {
            Index(parent.Document, element, pointer, parent.BaseUri, parent.Resource, parent.Draft, parent.Resource.Vocabularies, false);
            location = _locations[key];
        }

        return location;
    }

    /// <summary>Resolves a <c>$ref</c>-style reference written at <paramref name="at"/>.</summary>
    public SchemaLocation Resolve(SchemaLocation at, string reference, string keywordLocation)
    {
        var absolute = UriTools.Resolve(at.BaseUri, reference);
        var (uri, fragment) = UriTools.Split(absolute);
        if (!_resources.TryGetValue(uri, out var resource))
        {
            LoadExternal(uri, at.Draft, keywordLocation);
            if (!_resources.TryGetValue(uri, out resource))
            {
                throw new InvalidSchemaException(
                    $"Cannot resolve $ref '{reference}' ({uri}): the document is neither embedded nor registered, and no {nameof(ISchemaDocumentResolver)} supplied it.",
                    keywordLocation);
            }
        }

        if (fragment.Length == 0)
        {
            return _locations[(resource.Document.Id, resource.Pointer)];
        }

        if (fragment[0] == '/')
        {
            return ResolvePointer(resource, fragment, reference, keywordLocation);
        }

        if (resource.Anchors.TryGetValue(fragment, out var anchorPointer))
        {
            return _locations[(resource.Document.Id, anchorPointer)];
        }

        throw new InvalidSchemaException($"Cannot resolve $ref '{reference}': no anchor '{fragment}' in {uri}.", keywordLocation);
    }

    public SchemaLocation RootOf(SchemaResource resource) => _locations[(resource.Document.Id, resource.Pointer)];

    private SchemaLocation ResolvePointer(SchemaResource resource, string fragment, string reference, string keywordLocation)
    {
        var element = resource.Root;
        var pointer = resource.Pointer;
        var document = resource.Document;
        SchemaLocation? nearest = _locations[(document.Id, pointer)];
        foreach (var segment in JsonPointer.Parse(fragment))
        {
            if (!JsonPointer.TryStep(element, segment, out element))
            {
                throw new InvalidSchemaException($"Cannot resolve $ref '{reference}': nothing at that JSON Pointer.", keywordLocation);
            }

            pointer += "/" + JsonPointer.Escape(segment);
            if (_locations.TryGetValue((document.Id, pointer), out var known))
            {
                nearest = known;
            }
        }

        if (_locations.TryGetValue((document.Id, pointer), out var location))
        {
            return location;
        }

        // A pointer into a place the index did not visit (e.g. under an unknown keyword): index it now.
        Index(document, element, pointer, nearest.BaseUri, nearest.Resource, nearest.Draft, nearest.Resource.Vocabularies, false);
        return _locations[(document.Id, pointer)];
    }

    private void LoadExternal(string uri, SchemaDraft fallbackDraft, string keywordLocation)
    {
        if (EmbeddedMetaSchemas.TryGet(uri, out var embedded))
        {
            AddDocument(uri, embedded, fallbackDraft);
            return;
        }

        if (_registered(uri) is { } registered)
        {
            AddDocument(uri, registered, fallbackDraft);
            return;
        }

        var resolver = Options.DocumentResolver;
        if (resolver is null || !Uri.TryCreate(uri, UriKind.Absolute, out var absolute))
        {
            return;
        }

        var text = resolver.Resolve(absolute);
        if (text is null)
        {
            return;
        }

        JsonElement root;
        try
        {
            using var parsed = JsonDocument.Parse(text);
            root = parsed.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidSchemaException($"The document resolved for '{uri}' is not JSON.", keywordLocation, null, e);
        }

        AddDocument(uri, root, fallbackDraft);
    }

    public SchemaDocument AddDocument(string uri, JsonElement root, SchemaDraft fallbackDraft)
    {
        var document = new SchemaDocument(_nextDocumentId++, uri, root);
        var (draft, vocabularies) = DraftOf(root, fallbackDraft, uri);
        Index(document, root, "", uri, null, draft, vocabularies, true);
        return document;
    }

    /// <summary>The draft and vocabularies a schema's <c>$schema</c> selects.</summary>
    private (SchemaDraft Draft, Vocabularies Vocabularies) DraftOf(JsonElement schema, SchemaDraft fallback, string location)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("$schema", out var declared) || declared.ValueKind != JsonValueKind.String)
        {
            return (fallback, Vocabularies.Default);
        }

        var metaUri = UriTools.Normalize(declared.GetString()!);
        if (Drafts.FromMetaSchemaUri(metaUri) is { } known)
        {
            return (known, Vocabularies.Default);
        }

        // A custom meta-schema: its own $schema gives the draft, its $vocabulary the keywords in force.
        var (metaResourceUri, _) = UriTools.Split(metaUri);
        if (!_resources.TryGetValue(metaResourceUri, out var meta))
        {
            LoadExternal(metaResourceUri, fallback, location);
            if (!_resources.TryGetValue(metaResourceUri, out meta))
            {
                throw new InvalidSchemaException($"Unknown $schema '{metaUri}': not a supported draft, and the meta-schema cannot be resolved.", location);
            }
        }

        var vocabularies = Vocabularies.Default;
        if (meta.Root.ValueKind == JsonValueKind.Object && meta.Root.TryGetProperty("$vocabulary", out var vocabulary) && vocabulary.ValueKind == JsonValueKind.Object)
        {
            vocabularies = Vocabularies.Core;
            foreach (var entry in vocabulary.EnumerateObject())
            {
                var known2 = Drafts.VocabularyFromUri(entry.Name);
                if (known2 is { } v)
                {
                    vocabularies |= v;
                }
                else if (entry.Value.ValueKind == JsonValueKind.True)
                {
                    throw new InvalidSchemaException($"The meta-schema '{metaUri}' requires the unsupported vocabulary '{entry.Name}'.", location);
                }
            }
        }

        return (meta.Draft, vocabularies);
    }

    private void Index(SchemaDocument document, JsonElement element, string pointer, string baseUri, SchemaResource? resource, SchemaDraft draft, Vocabularies vocabularies, bool isDocumentRoot)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var idName = draft == SchemaDraft.Draft4 ? "id" : "$id";
            var hasRef = element.TryGetProperty("$ref", out _);
            var ignoreId = draft <= SchemaDraft.Draft7 && hasRef;
            string? anchorFromId = null;
            if (!ignoreId && element.TryGetProperty(idName, out var id) && id.ValueKind == JsonValueKind.String)
            {
                var idText = id.GetString()!;
                if (!isDocumentRoot && element.TryGetProperty("$schema", out _))
                {
                    (draft, vocabularies) = DraftOf(element, draft, baseUri);
                    idName = draft == SchemaDraft.Draft4 ? "id" : "$id";
                }

                var (uri, fragment) = UriTools.Split(UriTools.Resolve(baseUri, idText));
                if (fragment.Length > 0 && draft <= SchemaDraft.Draft7)
                {
                    anchorFromId = fragment;
                }

                if (uri.Length > 0 && (isDocumentRoot || !string.Equals(uri, baseUri, StringComparison.Ordinal)))
                {
                    baseUri = uri;
                    resource = NewResource(uri, document, pointer, element, draft, vocabularies);
                }
            }

            if (resource is null)
            {
                resource = NewResource(baseUri, document, pointer, element, draft, vocabularies);
            }
            else if (isDocumentRoot)
            {
                _resources.TryAdd(document.Uri, resource);
            }

            if (isDocumentRoot)
            {
                _resources.TryAdd(document.Uri, resource);
            }

            if (anchorFromId is not null)
            {
                resource.Anchors.TryAdd(anchorFromId, pointer);
            }

            if (draft >= SchemaDraft.Draft201909)
            {
                if (element.TryGetProperty("$anchor", out var anchor) && anchor.ValueKind == JsonValueKind.String)
                {
                    resource.Anchors.TryAdd(anchor.GetString()!, pointer);
                }

                if (draft >= SchemaDraft.Draft202012 && element.TryGetProperty("$dynamicAnchor", out var dynamicAnchor) && dynamicAnchor.ValueKind == JsonValueKind.String)
                {
                    resource.Anchors.TryAdd(dynamicAnchor.GetString()!, pointer);
                    resource.DynamicAnchorPointers.TryAdd(dynamicAnchor.GetString()!, pointer);
                }

                if (draft == SchemaDraft.Draft201909 && pointer == resource.Pointer
                    && element.TryGetProperty("$recursiveAnchor", out var recursive) && recursive.ValueKind == JsonValueKind.True)
                {
                    resource.RecursiveAnchor = true;
                }
            }

            _locations[(document.Id, pointer)] = new SchemaLocation(element, document, pointer, baseUri, resource);
            foreach (var property in element.EnumerateObject())
            {
                var shape = SubschemaKeywords.ShapeOf(property.Name, draft);
                if (shape == SubschemaShape.None)
                {
                    continue;
                }

                var childPointer = pointer + "/" + JsonPointer.Escape(property.Name);
                var value = property.Value;
                switch (shape)
                {
                    case SubschemaShape.Single when value.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False:
                        Index(document, value, childPointer, baseUri, resource, draft, vocabularies, false);
                        break;
                    case SubschemaShape.SingleOrArray or SubschemaShape.Array when value.ValueKind == JsonValueKind.Array:
                        var i = 0;
                        foreach (var item in value.EnumerateArray())
                        {
                            Index(document, item, childPointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), baseUri, resource, draft, vocabularies, false);
                            i++;
                        }

                        break;
                    case SubschemaShape.SingleOrArray when value.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False:
                        Index(document, value, childPointer, baseUri, resource, draft, vocabularies, false);
                        break;
                    case SubschemaShape.Map when value.ValueKind == JsonValueKind.Object:
                        foreach (var entry in value.EnumerateObject())
                        {
                            if (entry.Value.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False)
                            {
                                Index(document, entry.Value, childPointer + "/" + JsonPointer.Escape(entry.Name), baseUri, resource, draft, vocabularies, false);
                            }
                        }

                        break;
                    default:
                        break;
                }
            }
        }
        else
        {
            resource ??= NewResource(baseUri, document, pointer, element, draft, vocabularies);
            if (isDocumentRoot)
            {
                _resources.TryAdd(document.Uri, resource);
            }

            _locations[(document.Id, pointer)] = new SchemaLocation(element, document, pointer, baseUri, resource);
        }
    }

    private SchemaResource NewResource(string uri, SchemaDocument document, string pointer, JsonElement root, SchemaDraft draft, Vocabularies vocabularies)
    {
        var resource = new SchemaResource(uri, document, pointer, root, draft, vocabularies);
        _resources.TryAdd(uri, resource);
        _allResources.Add(resource);
        return resource;
    }
}
