using System.Text.Json;
using CoreRegistryClient.JsonSchema.Keywords;
using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>One compilation: turns each (sub)schema reachable from the root into a <see cref="SchemaNode"/>
/// exactly once, with the <see cref="SchemaDocumentSet"/> resolving where references lead.</summary>
internal sealed class SchemaGraphBuilder
{
    private readonly SchemaDocumentSet _documents;
    private readonly List<SchemaNode> _nodes = [];
    private readonly Queue<(SchemaNode Node, SchemaLocation Location)> _pending = new();
    // One list reused for every schema object's keywords (filling one never starts filling another).
    private readonly List<Keyword> _keywords = [];
    private List<ReferenceKeyword>? _dynamicReferences;
    private Dictionary<string, SchemaPattern>? _patterns;

    public SchemaGraphBuilder(JsonSchemaOptions options, IDocumentSource source)
    {
        Options = options;
        _documents = new SchemaDocumentSet(options, source);
    }

    public JsonSchemaOptions Options { get; }

    /// <summary>Whether some <c>$dynamicRef</c>/<c>$recursiveRef</c> needs the dynamic scope at evaluation, so it must
    /// be tracked.</summary>
    public bool UsesDynamicScope { get; private set; }

    /// <summary>Compiles the document <paramref name="root"/> retrieved from <paramref name="baseUri"/>.</summary>
    public (SchemaNode Root, SchemaLocation Location) CompileRoot(JsonElement root, string baseUri)
    {
        var document = _documents.AddDocument(baseUri, root, Options.DefaultDraft);
        var location = _documents.RootOf(document);
        var node = GetNode(location, "");
        Drain();
        if (UsesDynamicScope)
        {
            CompileDynamicTargets();
            ResolveDynamicReferencesStatically(location.Resource);
        }

        ReferenceCycles.Analyse(node, _nodes);
        return (node, location);
    }

    /// <summary>What compilation noticed about the schema that does not make it invalid (e.g. patterns that need the
    /// backtracking regex engine).</summary>
    public List<SchemaDiagnostic>? Diagnostics { get; private set; }

    /// <summary>Records a reference that resolves through the dynamic scope.</summary>
    public void MarkDynamicScope(ReferenceKeyword reference)
    {
        (_dynamicReferences ??= []).Add(reference);
        UsesDynamicScope = true;
    }

    /// <summary>The root's resource is the outermost of every dynamic scope, so it alone decides every dynamic
    /// reference to an anchor it declares (the meta-schemas' <c>"$dynamicRef": "#meta"</c>,
    /// <c>"$recursiveRef": "#"</c>). When it decides them all, evaluation need not track the scope at all, and each
    /// schema takes the plain path.</summary>
    private void ResolveDynamicReferencesStatically(SchemaResource outermost)
    {
        var stillDynamic = false;
        foreach (var reference in _dynamicReferences ?? [])
        {
            stillDynamic |= !reference.TryResolveStatically(outermost);
        }

        UsesDynamicScope = stillDynamic;
    }

    private void Diagnose(EcmaPattern regex, string location)
    {
        (Diagnostics ??= []).Add(regex.HasNestedQuantifiers
            ? new SchemaDiagnostic(SchemaDiagnosticKind.CatastrophicPattern, location,
                $"The pattern '{regex.Source}' repeats a group that repeats something itself and needs the backtracking regex engine ({regex.BacktrackingReason}): it can take exponential time, so its matches are cut off by the validation's regex budget (JsonSchemaOptions.RegexBudget) and counted as failed.")
            : new SchemaDiagnostic(SchemaDiagnosticKind.BacktrackingPattern, location,
                $"The pattern '{regex.Source}' needs the backtracking regex engine ({regex.BacktrackingReason}); its matches draw on the validation's regex budget (JsonSchemaOptions.RegexBudget)."));
    }

    /// <summary>An ECMA-262 pattern, compiled once per process (<see cref="SharedPatterns"/>) and diagnosed once per
    /// compilation.</summary>
    /// <param name="source">The pattern.</param>
    /// <param name="owner">The schema holding it.</param>
    /// <param name="keyword">The keyword holding it (named in the error).</param>
    public SchemaPattern Pattern(string source, SchemaNode owner, string keyword)
    {
        _patterns ??= new Dictionary<string, SchemaPattern>(StringComparer.Ordinal);
        if (_patterns.TryGetValue(source, out var pattern))
        {
            return pattern;
        }

        try
        {
            pattern = SharedPatterns.Get(source, Options.RegexBudget);
            if (pattern.Regex.BacktrackingReason is not null)
            {
                Diagnose(pattern.Regex, owner.AbsoluteLocation + "/" + JsonPointer.EscapeForUri(keyword));
            }
        }
        catch (ArgumentException e)
        {
            throw new InvalidSchemaException($"The regular expression '{source}' is invalid or unsupported: {e.Message}", owner.AbsoluteLocation + "/" + keyword, null, e);
        }

        _patterns[source] = pattern;
        return pattern;
    }

    /// <summary>The compiled node for the subschema at <c>keyword</c> (or <c>keyword/segment</c>) of <paramref name="parent"/>.</summary>
    public SchemaNode Subschema(SchemaLocation parent, string keyword, string? segment = null)
        => GetNode(_documents.Child(parent, keyword, segment), keyword);

    /// <summary>Resolves a <c>$ref</c>-style reference written at <paramref name="at"/> by <paramref name="site"/>.</summary>
    public SchemaLocation Resolve(SchemaLocation at, string reference, Keyword site) => _documents.Resolve(at, reference, site);

    public SchemaNode GetNode(SchemaLocation location, string parentKeyword)
    {
        if (location.Node is { } node)
        {
            return node;
        }

        node = new SchemaNode(location, parentKeyword, _nodes.Count);
        location.Node = node;
        _nodes.Add(node);
        _pending.Enqueue((node, location));
        return node;
    }

    private void Drain()
    {
        while (_pending.TryDequeue(out var work))
        {
            Fill(work.Node, work.Location);
        }
    }

    private void CompileDynamicTargets()
    {
        // Dynamic references can land on any dynamic anchor or recursive-anchor root of any loaded resource.
        var done = 0;
        while (done < _documents.Resources.Count)
        {
            for (; done < _documents.Resources.Count; done++)
            {
                var resource = _documents.Resources[done];
                foreach (var (name, anchored) in resource.DynamicAnchorLocations)
                {
                    resource.DynamicAnchors[name] = GetNode(anchored, "$dynamicAnchor");
                }

                if (resource.RecursiveAnchor)
                {
                    resource.RootNode = GetNode(resource.RootLocation, "$recursiveAnchor");
                }
            }

            Drain();
        }
    }

    private void Fill(SchemaNode node, SchemaLocation location)
    {
        var element = location.Element;
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                node.SetBoolean(true);
                return;
            case JsonValueKind.False:
                node.SetBoolean(false);
                return;
            case JsonValueKind.Object:
                break;
            default:
                throw new InvalidSchemaException($"A schema must be an object or a boolean, not {element.ValueKind}.", location.AbsoluteLocation);
        }

        var keywords = _keywords;
        keywords.Clear();
        var draft = location.Draft;
        if (draft <= SchemaDraft.Draft7 && element.TryGetProperty("$ref"u8, out var reference))
        {
            // Before 2019-09, $ref replaces the whole schema object: siblings are ignored.
            keywords.Add(KeywordCatalog.Build(this, node, location, "$ref", reference)!);
        }
        else
        {
            foreach (var property in element.EnumerateObject())
            {
                var keyword = KeywordCatalog.Build(this, node, location, KeywordNames.Name(property), property.Value);
                if (keyword is not null)
                {
                    keywords.Add(keyword);
                }
            }
        }

        node.SetKeywords(keywords);
        keywords.Clear();
    }

}
