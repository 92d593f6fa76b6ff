using CoreRegistryClient.JsonSchema.Keywords;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>Finds reference cycles that never move into the instance (<c>{"$ref": "#"}</c>): evaluating them
/// would recurse forever, so they are refused at compile time.</summary>
internal static class ReferenceCycles
{
    public static void ThrowIfAny(IEnumerable<SchemaNode> nodes)
    {
        var state = new Dictionary<SchemaNode, bool>(ReferenceEqualityComparer.Instance);
        foreach (var node in nodes)
        {
            Visit(node, state);
        }
    }

    /// <summary>Depth-first over in-place edges; <c>state[n]</c> is false while n is on the path, true when done.</summary>
    private static void Visit(SchemaNode node, Dictionary<SchemaNode, bool> state)
    {
        var path = new Stack<(SchemaNode Node, IEnumerator<SchemaNode> Next)>();
        if (state.ContainsKey(node))
        {
            return;
        }

        state[node] = false;
        path.Push((node, InPlace(node).GetEnumerator()));
        while (path.Count > 0)
        {
            var (current, next) = path.Peek();
            if (next.MoveNext())
            {
                var child = next.Current;
                if (state.TryGetValue(child, out var done))
                {
                    if (!done)
                    {
                        throw new InvalidSchemaException(
                            "The schema has a reference cycle that never reaches into the instance (it would recurse forever).",
                            child.AbsoluteLocation);
                    }

                    continue;
                }

                state[child] = false;
                path.Push((child, InPlace(child).GetEnumerator()));
            }
            else
            {
                next.Dispose();
                state[current] = true;
                path.Pop();
            }
        }
    }

    private static IEnumerable<SchemaNode> InPlace(SchemaNode node)
    {
        foreach (var keyword in node.Keywords)
        {
            foreach (var child in keyword.InPlaceSubschemas)
            {
                yield return child;
            }
        }
    }
}
