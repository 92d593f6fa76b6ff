using CoreRegistryClient.JsonSchema.Keywords;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>Finds reference cycles that never move into the instance (<c>{"$ref": "#"}</c>). A cycle that every
/// evaluation from the root must enter is refused at compile time; any other one (a dead definition whose
/// <c>allOf</c> points at itself) compiles, and the references on it are guarded so that evaluation reports the
/// cycle when, and only when, it actually enters it.</summary>
internal static class ReferenceCycles
{
    public static void Analyse(SchemaNode root, IReadOnlyList<SchemaNode> nodes)
    {
        ThrowIfUnavoidable(root);
        GuardCycles(nodes);
    }

    /// <summary>Depth-first from the root over the subschemas every evaluation of a schema applies in place
    /// (<c>$ref</c>, <c>allOf</c>, <c>not</c>, <c>if</c>, a one-branch <c>anyOf</c>/<c>oneOf</c>): a cycle there
    /// recurses for every instance.</summary>
    private static void ThrowIfUnavoidable(SchemaNode root)
    {
        var done = new Dictionary<SchemaNode, bool>(ReferenceEqualityComparer.Instance) { [root] = false };
        var path = new Stack<(SchemaNode Node, IEnumerator<SchemaNode> Next)>();
        path.Push((root, Must(root).GetEnumerator()));
        while (path.Count > 0)
        {
            var (current, next) = path.Peek();
            if (!next.MoveNext())
            {
                next.Dispose();
                done[current] = true;
                path.Pop();
                continue;
            }

            var child = next.Current;
            if (done.TryGetValue(child, out var finished))
            {
                if (!finished)
                {
                    throw new InvalidSchemaException(
                        "The schema has a reference cycle that every evaluation enters and that never reaches into the instance (it would recurse forever).",
                        child.AbsoluteLocation);
                }

                continue;
            }

            done[child] = false;
            path.Push((child, Must(child).GetEnumerator()));
        }
    }

    /// <summary>Marks every reference whose target lies in the same strongly connected component of in-place
    /// edges as its own schema (Tarjan's algorithm, iterative): only those can lead evaluation back to where it
    /// started without consuming the instance.</summary>
    private static void GuardCycles(IReadOnlyList<SchemaNode> nodes)
    {
        var index = new Dictionary<SchemaNode, int>(ReferenceEqualityComparer.Instance);
        var low = new Dictionary<SchemaNode, int>(ReferenceEqualityComparer.Instance);
        var component = new Dictionary<SchemaNode, int>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<SchemaNode>();
        var onStack = new HashSet<SchemaNode>(ReferenceEqualityComparer.Instance);
        var calls = new Stack<(SchemaNode Node, IEnumerator<SchemaNode> Next)>();
        var counter = 0;
        var components = 0;
        foreach (var start in nodes)
        {
            if (index.ContainsKey(start))
            {
                continue;
            }

            Enter(start);
            while (calls.Count > 0)
            {
                var (node, next) = calls.Peek();
                if (next.MoveNext())
                {
                    var child = next.Current;
                    if (!index.TryGetValue(child, out var childIndex))
                    {
                        Enter(child);
                    }
                    else if (onStack.Contains(child))
                    {
                        low[node] = Math.Min(low[node], childIndex);
                    }

                    continue;
                }

                next.Dispose();
                calls.Pop();
                if (calls.Count > 0)
                {
                    var parent = calls.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] == index[node])
                {
                    SchemaNode member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component[member] = components;
                    }
                    while (!ReferenceEquals(member, node));
                    components++;
                }
            }
        }

        foreach (var node in nodes)
        {
            foreach (var keyword in node.Keywords)
            {
                if (keyword is ReferenceKeyword reference && reference.StaticTarget is { } target
                    && component.TryGetValue(target, out var targetComponent) && targetComponent == component[node])
                {
                    reference.Guarded = true;
                }
            }
        }

        void Enter(SchemaNode node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack.Add(node);
            calls.Push((node, InPlace(node).GetEnumerator()));
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

    private static IEnumerable<SchemaNode> Must(SchemaNode node)
    {
        foreach (var keyword in node.Keywords)
        {
            foreach (var child in keyword.MustSubschemas)
            {
                yield return child;
            }
        }
    }
}
