using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>The documents of one compilation and what they declare: resources and their base URIs, anchors,
/// dynamic anchors and every subschema location. Resolves references, loading documents from the embedded
/// meta-schemas, the compiler's registrations or the caller's resolver — never from the network.</summary>
/// <remarks>Every walk here uses an explicit stack, and locations are keyed by their byte offset in the document
/// (not by a pointer string), so indexing a schema costs time and memory linear in its size at any depth.</remarks>
internal sealed class SchemaDocumentSet
{
    private const int MaxMetaSchemaChain = 32;

    private readonly IDocumentSource _source;
    private readonly Dictionary<string, SchemaResource> _resources = new(StringComparer.Ordinal);
    private readonly List<SchemaResource> _allResources = [];
    private readonly Dictionary<(int Document, int Offset), SchemaLocation> _locations = [];
    // The index's explicit stack; each object's children are pushed, then reversed so they pop in document order.
    private readonly List<IndexStep> _work = [];
    // Lookup tables for wide objects and arrays (a $defs of thousands, a long anyOf), made the first time a step
    // goes into one: JsonElement finds a member by a linear scan, so reaching every member of a wide container one
    // by one would cost the square of its width.
    private Dictionary<(int Document, int Offset), Dictionary<string, JsonElement>>? _wideObjects;
    private Dictionary<(int Document, int Offset), JsonElement[]>? _wideArrays;
    private int _nextDocumentId;
    private int _metaSchemaChain;

    public SchemaDocumentSet(JsonSchemaOptions options, IDocumentSource source)
    {
        Options = options;
        _source = source;
    }

    public JsonSchemaOptions Options { get; }

    /// <summary>Every resource indexed so far, in the order found (grows as references load documents).</summary>
    public IReadOnlyList<SchemaResource> Resources => _allResources;

    /// <summary>The location of the subschema at <c>keyword</c> (or <c>keyword/segment</c>) of <paramref name="parent"/>.</summary>
    public SchemaLocation Child(SchemaLocation parent, string keyword, string? segment = null)
    {
        var element = parent.Element.GetProperty(keyword);
        if (segment is not null && !TryStep(parent.Document, element, segment, out element))
        {
            throw new InvalidSchemaException($"No subschema at '{parent.Pointer}/{JsonPointer.Escape(keyword)}/{JsonPointer.Escape(segment)}'.", parent.AbsoluteLocation);
        }

        var key = (parent.Document.Id, Offset(parent.Document, element));
        if (!_locations.TryGetValue(key, out var location))
        {
            var step = "/" + JsonPointer.Escape(keyword) + (segment is null ? "" : "/" + JsonPointer.Escape(segment));
            Index(parent.Document, new IndexStep(element, parent, step), parent.Draft, parent.Resource.Vocabularies);
            location = _locations[key];
        }

        return location;
    }

    /// <summary>Resolves a <c>$ref</c>-style reference written at <paramref name="at"/>; <paramref name="site"/>
    /// names the keyword in errors.</summary>
    public SchemaLocation Resolve(SchemaLocation at, string reference, Keywords.Keyword site)
    {
        var absolute = UriTools.Resolve(at.BaseUri, reference);
        var (uri, fragment) = UriTools.Split(absolute);
        if (!_resources.TryGetValue(uri, out var resource))
        {
            LoadExternal(uri, at.Draft, site.AbsoluteLocation);
            if (!_resources.TryGetValue(uri, out resource))
            {
                throw new InvalidSchemaException(
                    $"Cannot resolve $ref '{reference}' ({uri}): the document is neither embedded nor registered, and no {nameof(ISchemaDocumentResolver)} supplied it.",
                    site.AbsoluteLocation);
            }
        }

        if (fragment.Length == 0)
        {
            return resource.RootLocation;
        }

        if (fragment[0] == '/')
        {
            return ResolvePointer(resource, fragment, reference, site);
        }

        if (resource.Anchors.TryGetValue(fragment, out var anchored))
        {
            return anchored;
        }

        throw new InvalidSchemaException($"Cannot resolve $ref '{reference}': no anchor '{fragment}' in {uri}.", site.AbsoluteLocation);
    }

    public SchemaDocument AddDocument(string uri, JsonElement root, SchemaDraft fallbackDraft)
    {
        var document = new SchemaDocument(_nextDocumentId++, uri, root);
        var (draft, vocabularies) = DraftOf(root, fallbackDraft, uri);
        Index(document, new IndexStep(root, null, ""), draft, vocabularies);
        return document;
    }

    /// <summary>The location of a document's root.</summary>
    public SchemaLocation RootOf(SchemaDocument document) => _locations[(document.Id, 0)];

    private SchemaLocation ResolvePointer(SchemaResource resource, string fragment, string reference, Keywords.Keyword site)
    {
        var nearest = resource.RootLocation;
        var document = nearest.Document;
        var element = nearest.Element;
        var pending = "";
        foreach (var segment in JsonPointer.Parse(fragment))
        {
            if (!TryStep(document, element, segment, out element))
            {
                throw new InvalidSchemaException($"Cannot resolve $ref '{reference}': nothing at that JSON Pointer.", site.AbsoluteLocation);
            }

            pending += "/" + JsonPointer.Escape(segment);
            if (_locations.TryGetValue((document.Id, Offset(document, element)), out var known))
            {
                nearest = known;
                pending = "";
            }
        }

        if (pending.Length == 0)
        {
            return nearest;
        }

        // A pointer into a place the index did not visit (e.g. under an unknown keyword): index it now.
        Index(document, new IndexStep(element, nearest, pending), nearest.Draft, nearest.Resource.Vocabularies);
        return _locations[(document.Id, Offset(document, element))];
    }

    private void LoadExternal(string uri, SchemaDraft fallbackDraft, string site)
    {
        if (EmbeddedMetaSchemas.TryGet(uri, out var embedded))
        {
            AddDocument(uri, embedded, fallbackDraft);
            return;
        }

        if (_source.Registered(uri, fallbackDraft) is { } registered)
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

        var root = SchemaText.Parse(text, Options.MaxSchemaDepth, uri, $"The document resolved for '{uri}' (referenced at {site})");
        _source.Check(uri, root, fallbackDraft);
        AddDocument(uri, root, fallbackDraft);
    }

    /// <summary>The draft and vocabularies a schema's <c>$schema</c> selects.</summary>
    private (SchemaDraft Draft, Vocabularies Vocabularies) DraftOf(JsonElement schema, SchemaDraft fallback, string location)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("$schema", out var declared) || declared.ValueKind != JsonValueKind.String)
        {
            return (fallback, Vocabularies.Default);
        }

        var (standard, metaUri) = Drafts.Declared(declared.GetString()!);
        if (standard is { } known)
        {
            return (known, Vocabularies.Default);
        }

        // A custom meta-schema: its own $schema gives the draft, its $vocabulary the keywords in force.
        var (metaResourceUri, _) = UriTools.Split(metaUri);
        if (!_resources.TryGetValue(metaResourceUri, out var meta))
        {
            if (++_metaSchemaChain > MaxMetaSchemaChain)
            {
                throw new InvalidSchemaException($"Custom meta-schemas are chained more than {MaxMetaSchemaChain} deep at '{metaUri}'.", location);
            }

            LoadExternal(metaResourceUri, fallback, location);
            _metaSchemaChain--;
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
                var knownVocabulary = Drafts.VocabularyFromUri(entry.Name);
                if (knownVocabulary is { } v)
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

    /// <summary>Indexes the subtree at <paramref name="start"/> in document order, with an explicit stack;
    /// <paramref name="draft"/> and <paramref name="vocabularies"/> are in force at a document root (below one, the
    /// parent location gives them).</summary>
    private void Index(SchemaDocument document, IndexStep start, SchemaDraft draft, Vocabularies vocabularies)
    {
        _work.Add(start);
        while (_work.Count > 0)
        {
            var step = _work[^1];
            _work.RemoveAt(_work.Count - 1);
            var location = Visit(document, step, draft, vocabularies);
            if (step.Element.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var children = _work.Count;
            foreach (var property in step.Element.EnumerateObject())
            {
                var name = KeywordNames.Name(property);
                var shape = SubschemaKeywords.ShapeOf(name, location.Draft);
                if (shape == SubschemaShape.None)
                {
                    continue;
                }

                var keywordStep = KeywordNames.Step(name);
                var value = property.Value;
                switch (shape)
                {
                    case SubschemaShape.Single or SubschemaShape.SingleOrArray when IsSchema(value):
                        _work.Add(new IndexStep(value, location, keywordStep));
                        break;
                    case SubschemaShape.SingleOrArray or SubschemaShape.Array when value.ValueKind == JsonValueKind.Array:
                        var i = 0;
                        foreach (var item in value.EnumerateArray())
                        {
                            _work.Add(new IndexStep(item, location, keywordStep + "/" + i.ToString(CultureInfo.InvariantCulture)));
                            i++;
                        }

                        break;
                    case SubschemaShape.Map when value.ValueKind == JsonValueKind.Object:
                        foreach (var entry in value.EnumerateObject())
                        {
                            if (IsSchema(entry.Value))
                            {
                                _work.Add(new IndexStep(entry.Value, location, JsonPointer.Step(keywordStep, entry)));
                            }
                        }

                        break;
                    default:
                        break;
                }
            }

            // Reversed so they are visited in document order (the first $id or anchor declared wins).
            _work.Reverse(children, _work.Count - children);
        }
    }

    /// <summary>Follows one pointer segment like <see cref="JsonPointer.TryStep"/> (a repeated name finds its last
    /// occurrence, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> does), in constant time
    /// inside a wide container.</summary>
    private bool TryStep(SchemaDocument document, JsonElement element, string segment, out JsonElement child)
    {
        const int Wide = 16;
        if (element.ValueKind == JsonValueKind.Object && element.GetPropertyCount() > Wide)
        {
            var key = (document.Id, Offset(document, element));
            _wideObjects ??= [];
            if (!_wideObjects.TryGetValue(key, out var members))
            {
                members = new Dictionary<string, JsonElement>(element.GetPropertyCount(), StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    members[property.Name] = property.Value;
                }

                _wideObjects[key] = members;
            }

            return members.TryGetValue(segment, out child);
        }

        if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() > Wide)
        {
            var key = (document.Id, Offset(document, element));
            _wideArrays ??= [];
            if (!_wideArrays.TryGetValue(key, out var items))
            {
                items = [.. element.EnumerateArray()];
                _wideArrays[key] = items;
            }

            child = default;
            if (!JsonPointer.TryParseIndex(segment, out var index) || index >= items.Length)
            {
                return false;
            }

            child = items[index];
            return true;
        }

        return JsonPointer.TryStep(element, segment, out child);
    }

    private static bool IsSchema(JsonElement value) => value.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False;

    private SchemaLocation Visit(SchemaDocument document, IndexStep step, SchemaDraft rootDraft, Vocabularies rootVocabularies)
    {
        var element = step.Element;
        var parent = step.Parent;
        var baseUri = parent?.BaseUri ?? document.Uri;
        var resource = parent?.Resource;
        var draft = parent?.Draft ?? rootDraft;
        var vocabularies = parent?.Resource.Vocabularies ?? rootVocabularies;
        var created = false;
        string? anchorFromId = null;
        var declared = element.ValueKind == JsonValueKind.Object ? SchemaDeclarations.Read(element) : default;
        if (element.ValueKind == JsonValueKind.Object)
        {
            var ignoreId = draft <= SchemaDraft.Draft7 && declared.Ref is not null;
            if (!ignoreId && (draft == SchemaDraft.Draft4 ? declared.LegacyId : declared.Id) is { ValueKind: JsonValueKind.String } id)
            {
                if (parent is not null && declared.Schema is not null)
                {
                    (draft, vocabularies) = DraftOf(element, draft, baseUri);
                }

                var (uri, fragment) = UriTools.Split(UriTools.Resolve(baseUri, id.GetString()!));
                if (fragment.Length > 0 && draft <= SchemaDraft.Draft7)
                {
                    anchorFromId = fragment;
                }

                if (uri.Length > 0 && (parent is null || !string.Equals(uri, baseUri, StringComparison.Ordinal)))
                {
                    baseUri = uri;
                    resource = NewResource(uri, document, element, draft, vocabularies);
                    created = true;
                }
            }
        }

        if (resource is null)
        {
            resource = NewResource(baseUri, document, element, draft, vocabularies);
            created = true;
        }

        if (parent is null)
        {
            _resources.TryAdd(document.Uri, resource);
        }

        var location = new SchemaLocation(element, document, parent, step.Step, baseUri, resource);
        _locations[(document.Id, Offset(document, element))] = location;
        if (created)
        {
            resource.RootLocation = location;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return location;
        }

        if (anchorFromId is not null)
        {
            resource.Anchors.TryAdd(anchorFromId, location);
        }

        if (draft >= SchemaDraft.Draft201909)
        {
            if (declared.Anchor is { ValueKind: JsonValueKind.String } anchor)
            {
                resource.Anchors.TryAdd(anchor.GetString()!, location);
            }

            if (draft >= SchemaDraft.Draft202012 && declared.DynamicAnchor is { ValueKind: JsonValueKind.String } dynamicAnchor)
            {
                resource.Anchors.TryAdd(dynamicAnchor.GetString()!, location);
                resource.DynamicAnchorLocations.TryAdd(dynamicAnchor.GetString()!, location);
            }

            if (draft == SchemaDraft.Draft201909 && ReferenceEquals(resource.RootLocation, location)
                && declared.RecursiveAnchor is { ValueKind: JsonValueKind.True })
            {
                resource.RecursiveAnchor = true;
            }
        }

        return location;
    }

    private SchemaResource NewResource(string uri, SchemaDocument document, JsonElement root, SchemaDraft draft, Vocabularies vocabularies)
    {
        var resource = new SchemaResource(uri, document, root, draft, vocabularies);
        _resources.TryAdd(uri, resource);
        _allResources.Add(resource);
        return resource;
    }

    /// <summary>Where <paramref name="element"/>'s JSON starts within its document: unique per value, so it
    /// identifies a location without building its pointer.</summary>
    private static int Offset(SchemaDocument document, JsonElement element)
    {
        var root = JsonMarshal.GetRawUtf8Value(document.Root);
        var value = JsonMarshal.GetRawUtf8Value(element);
        return (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(root), ref MemoryMarshal.GetReference(value));
    }

    /// <summary>One subschema waiting to be indexed: its parent location (null for a document root) gives the base
    /// URI, resource, draft and vocabularies it starts from.</summary>
    private readonly record struct IndexStep(JsonElement Element, SchemaLocation? Parent, string Step);
}
