using System.Text;
using CoreRegistryClient.JsonSchema.Compilation;
using CoreRegistryClient.JsonSchema.Instance;
using CoreRegistryClient.JsonSchema.Keywords;

namespace CoreRegistryClient.JsonSchema.Evaluation;

/// <summary>The instance pointers ("/name", escaped) of the properties the root schema declares, built from the
/// schema alone, as ajv's generated code has a constant per declared property: an error on such a property of the
/// root object (the common case in list output) takes this shared string, with no walk through
/// <see cref="InstancePointers"/>, no segment written and no string allocated. Immutable; nothing in it depends on an
/// instance.</summary>
internal sealed class RootPropertyPointers
{
    /// <summary>For a schema that declares no properties at its root.</summary>
    public static readonly RootPropertyPointers None = new([]);

    private readonly PropertyNameTable _names;
    private readonly string[] _pointers;

    private RootPropertyPointers(List<string> names)
    {
        _names = new PropertyNameTable(names);
        _pointers = [.. names.Select(name => "/" + JsonPointer.Escape(name))];
    }

    /// <summary>The names of every <c>properties</c> keyword that applies to the root instance itself: the root's own
    /// and those of the subschemas it applies in place (<c>$ref</c>, <c>allOf</c>, ...).</summary>
    public static RootPropertyPointers For(SchemaNode root)
    {
        var names = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<SchemaNode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<SchemaNode>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            if (!visited.Add(node))
            {
                continue;
            }

            foreach (var keyword in node.Keywords)
            {
                if (keyword is PropertiesKeyword properties)
                {
                    for (var i = 0; i < properties.Names.Count; i++)
                    {
                        // From the UTF-8 the lookup compares, so the text is what the walk would decode from an
                        // unescaped instance name with those bytes (a lone surrogate in the schema's name included).
                        var name = Encoding.UTF8.GetString(properties.Names.Utf8(i));
                        if (known.Add(name))
                        {
                            names.Add(name);
                        }
                    }
                }

                foreach (var subschema in keyword.InPlaceSubschemas)
                {
                    pending.Push(subschema);
                }
            }
        }

        return names.Count == 0 ? None : new RootPropertyPointers(names);
    }

    /// <summary>The pointer of <paramref name="token"/> when it is a property of the root object (its name or value
    /// token) whose name, written without escapes, is declared; otherwise null. <paramref name="resume"/> is the name
    /// token the last call stopped at (0 at the start of a validation): errors come in document order, so the walk
    /// over the root's properties goes on from there.</summary>
    public string? Find(ReadOnlySpan<byte> json, JsonToken[] tape, int token, ref int resume)
    {
        ref var root = ref tape[0];
        if (_pointers.Length == 0 || root.Kind != JsonTokenKind.Object)
        {
            return null;
        }

        var name = resume > 0 && resume <= token ? resume : 1;
        var end = root.End;
        while (name < end)
        {
            var next = tape[name + 1].End;
            if (token < next)
            {
                break;
            }

            name = next;
        }

        if (name >= end)
        {
            return null;
        }

        resume = name;
        ref var found = ref tape[name];
        if (token > name + 1 || found.Escaped)
        {
            // Deeper in the instance, or a name the walk must decode as written.
            return null;
        }

        var index = _names.Find(json.Slice(found.Start, found.Length), escaped: false);
        return index < 0 ? null : _pointers[index];
    }
}
