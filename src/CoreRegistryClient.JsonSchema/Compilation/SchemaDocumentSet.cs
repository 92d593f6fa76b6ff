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
    private readonly Stack<IndexStep> _work = new();
    private readonly List<IndexStep> _children = [];
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
        if (segment is not null && !JsonPointer.TryStep(element, segment, out element))
        {
            throw new InvalidSchemaException($"No subschema at '{parent.Pointer}/{JsonPointer.Escape(keyword)}/{JsonPointer.Escape(segment)}'.", parent.AbsoluteLocation);
        }

        var key = (parent.Document.Id, Offset(parent.Document, element));
        if (!_locations.TryGetValue(key, out var location))
        {
            var step = "/" + JsonPointer.Escape(keyword) + (segment is null ? "" : "/" + JsonPointer.Escape(segment));
            Index(parent.Document, new IndexStep(element, parent, step, parent.BaseUri, parent.Resource, parent.Draft, parent.Resource.Vocabularies, false));
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
        Index(document, new IndexStep(root, null, "", uri, null, draft, vocabularies, true));
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
            if (!JsonPointer.TryStep(element, segment, out element))
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
        Index(document, new IndexStep(element, nearest, pending, nearest.BaseUri, nearest.Resource, nearest.Draft, nearest.Resource.Vocabularies, false));
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

        var metaUri = UriTools.Normalize(declared.GetString()!);
        if (Drafts.FromMetaSchemaUri(metaUri) is { } known)
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

    /// <summary>Indexes the subtree at <paramref name="start"/> in document order, with an explicit stack.</summary>
    private void Index(SchemaDocument document, IndexStep start)
    {
        _work.Push(start);
        while (_work.TryPop(out var step))
        {
            var location = Visit(document, step);
            if (step.Element.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var draft = location.Draft;
            foreach (var property in step.Element.EnumerateObject())
            {
                var shape = SubschemaKeywords.ShapeOf(property.Name, draft);
                if (shape == SubschemaShape.None)
                {
                    continue;
                }

                var keywordStep = "/" + JsonPointer.Escape(property.Name);
                var value = property.Value;
                switch (shape)
                {
                    case SubschemaShape.Single or SubschemaShape.SingleOrArray when IsSchema(value):
                        _children.Add(IndexStep.Below(value, location, keywordStep));
                        break;
                    case SubschemaShape.SingleOrArray or SubschemaShape.Array when value.ValueKind == JsonValueKind.Array:
                        var i = 0;
                        foreach (var item in value.EnumerateArray())
                        {
                            _children.Add(IndexStep.Below(item, location, keywordStep + "/" + i.ToString(CultureInfo.InvariantCulture)));
                            i++;
                        }

                        break;
                    case SubschemaShape.Map when value.ValueKind == JsonValueKind.Object:
                        foreach (var entry in value.EnumerateObject())
                        {
                            if (IsSchema(entry.Value))
                            {
                                _children.Add(IndexStep.Below(entry.Value, location, keywordStep + "/" + JsonPointer.Escape(entry.Name)));
                            }
                        }

                        break;
                    default:
                        break;
                }
            }

            // Pushed in reverse so they are visited in document order (the first $id or anchor declared wins).
            for (var c = _children.Count - 1; c >= 0; c--)
            {
                _work.Push(_children[c]);
            }

            _children.Clear();
        }
    }

    private static bool IsSchema(JsonElement value) => value.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False;

    private SchemaLocation Visit(SchemaDocument document, IndexStep step)
    {
        var element = step.Element;
        var baseUri = step.BaseUri;
        var resource = step.Resource;
        var draft = step.Draft;
        var vocabularies = step.Vocabularies;
        var created = false;
        string? anchorFromId = null;
        if (element.ValueKind == JsonValueKind.Object)
        {
            var idName = draft == SchemaDraft.Draft4 ? "id" : "$id";
            var ignoreId = draft <= SchemaDraft.Draft7 && element.TryGetProperty("$ref", out _);
            if (!ignoreId && element.TryGetProperty(idName, out var id) && id.ValueKind == JsonValueKind.String)
            {
                if (!step.IsDocumentRoot && element.TryGetProperty("$schema", out _))
                {
                    (draft, vocabularies) = DraftOf(element, draft, baseUri);
                }

                var (uri, fragment) = UriTools.Split(UriTools.Resolve(baseUri, id.GetString()!));
                if (fragment.Length > 0 && draft <= SchemaDraft.Draft7)
                {
                    anchorFromId = fragment;
                }

                if (uri.Length > 0 && (step.IsDocumentRoot || !string.Equals(uri, baseUri, StringComparison.Ordinal)))
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

        if (step.IsDocumentRoot)
        {
            _resources.TryAdd(document.Uri, resource);
        }

        var location = new SchemaLocation(element, document, step.Parent, step.Step, baseUri, resource);
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
            if (element.TryGetProperty("$anchor", out var anchor) && anchor.ValueKind == JsonValueKind.String)
            {
                resource.Anchors.TryAdd(anchor.GetString()!, location);
            }

            if (draft >= SchemaDraft.Draft202012 && element.TryGetProperty("$dynamicAnchor", out var dynamicAnchor) && dynamicAnchor.ValueKind == JsonValueKind.String)
            {
                resource.Anchors.TryAdd(dynamicAnchor.GetString()!, location);
                resource.DynamicAnchorLocations.TryAdd(dynamicAnchor.GetString()!, location);
            }

            if (draft == SchemaDraft.Draft201909 && ReferenceEquals(resource.RootLocation, location)
                && element.TryGetProperty("$recursiveAnchor", out var recursive) && recursive.ValueKind == JsonValueKind.True)
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

    /// <summary>One subschema waiting to be indexed, with the context its parent gives it.</summary>
    private readonly record struct IndexStep(
        JsonElement Element, SchemaLocation? Parent, string Step, string BaseUri, SchemaResource? Resource,
        SchemaDraft Draft, Vocabularies Vocabularies, bool IsDocumentRoot)
    {
        public static IndexStep Below(JsonElement element, SchemaLocation parent, string step)
            => new(element, parent, step, parent.BaseUri, parent.Resource, parent.Draft, parent.Resource.Vocabularies, false);
    }
}
