using System.Text.Json;
using System.Text.RegularExpressions;
using CoreRegistryClient.JsonSchema.Keywords;
using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>One compilation: turns each (sub)schema reachable from the root into a <see cref="SchemaNode"/>
/// exactly once, with the <see cref="SchemaIndex"/> resolving where references lead.</summary>
internal sealed class SchemaGraphBuilder
{
    private readonly SchemaIndex _index;
    private readonly Dictionary<(int, string), SchemaNode> _nodes = [];
    private readonly Queue<(SchemaNode Node, SchemaLocation Location)> _pending = new();
    private readonly Dictionary<string, SchemaPattern> _patterns = new(StringComparer.Ordinal);

    public SchemaGraphBuilder(JsonSchemaOptions options, Func<string, JsonElement?> registered)
    {
        Options = options;
        _index = new SchemaIndex(options, registered);
    }

    public JsonSchemaOptions Options { get; }

    /// <summary>Whether some <c>$dynamicRef</c>/<c>$recursiveRef</c> was compiled, so the dynamic scope must be tracked.</summary>
    public bool UsesDynamicScope { get; private set; }

    /// <summary>Compiles the document <paramref name="root"/> retrieved from <paramref name="baseUri"/>.</summary>
    public (SchemaNode Root, SchemaLocation Location) CompileRoot(JsonElement root, string baseUri)
    {
        var document = _index.AddDocument(baseUri, root, Options.DefaultDraft);
        var location = _index.At(document, "");
        var node = GetNode(location, "");
        Drain();
        if (UsesDynamicScope)
        {
            CompileDynamicTargets();
        }

        ReferenceCycles.ThrowIfAny(_nodes.Values);
        return (node, location);
    }

    public void MarkDynamicScope() => UsesDynamicScope = true;

    /// <summary>Compiles an ECMA-262 pattern once per compilation.</summary>
    public SchemaPattern Pattern(string source, string location)
    {
        if (_patterns.TryGetValue(source, out var pattern))
        {
            return pattern;
        }

        try
        {
            var regex = EcmaPattern.Create(source, Options.RegexMatchTimeout);
            if (regex.IsNonBacktracking && Options.RegexMatchTimeout != Regex.InfiniteMatchTimeout)
            {
                // Linear-time matching cannot run away, and a wall-clock limit would fail valid payloads
                // whenever the process is starved of CPU; only backtracking patterns keep the timeout.
                regex = EcmaPattern.Create(source, Regex.InfiniteMatchTimeout);
            }

            pattern = new SchemaPattern(source, regex);
        }
        catch (ArgumentException e)
        {
            throw new InvalidSchemaException($"The regular expression '{source}' is invalid or unsupported: {e.Message}", location, null, e);
        }

        _patterns[source] = pattern;
        return pattern;
    }

    /// <summary>The compiled node for the subschema at <c>keyword</c> (or <c>keyword/segment</c>) of <paramref name="parent"/>.</summary>
    public SchemaNode Subschema(SchemaLocation parent, string keyword, string? segment = null)
        => GetNode(_index.Child(parent, keyword, segment), keyword);

    /// <summary>Resolves a <c>$ref</c>-style reference written at <paramref name="at"/>.</summary>
    public SchemaLocation Resolve(SchemaLocation at, string reference, string keywordLocation) => _index.Resolve(at, reference, keywordLocation);

    public SchemaNode GetNode(SchemaLocation location, string parentKeyword)
    {
        var key = (location.Document.Id, location.Pointer);
        if (_nodes.TryGetValue(key, out var node))
        {
            return node;
        }

        node = new SchemaNode(location.Pointer, location.AbsoluteLocation, location.Resource, parentKeyword);
        _nodes[key] = node;
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
        while (done < _index.Resources.Count)
        {
            for (; done < _index.Resources.Count; done++)
            {
                var resource = _index.Resources[done];
                foreach (var (name, pointer) in resource.DynamicAnchorPointers)
                {
                    resource.DynamicAnchors[name] = GetNode(_index.At(resource.Document, pointer), "$dynamicAnchor");
                }

                if (resource.RecursiveAnchor)
                {
                    resource.RootNode = GetNode(_index.RootOf(resource), "$recursiveAnchor");
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

        var keywords = new List<Keyword>();
        var draft = location.Draft;
        if (draft <= SchemaDraft.Draft7 && element.TryGetProperty("$ref", out var reference))
        {
            // Before 2019-09, $ref replaces the whole schema object: siblings are ignored.
            keywords.Add(KeywordCatalog.Build(this, node, location, "$ref", reference)!);
        }
        else
        {
            foreach (var property in element.EnumerateObject())
            {
                var keyword = KeywordCatalog.Build(this, node, location, property.Name, property.Value);
                if (keyword is not null)
                {
                    keywords.Add(keyword);
                }
            }
        }

        node.SetKeywords(keywords);
    }

}
