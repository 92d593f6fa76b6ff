using CoreRegistryClient.JsonSchema.Keywords;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>Finds reference cycles that never move into the instance (<c>{"$ref": "#"}</c>). A cycle that every
/// evaluation from the root must enter is refused at compile time; any other one (a dead definition whose
/// <c>allOf</c> points at itself) compiles, and the references on it are guarded so that evaluation reports the
/// cycle when, and only when, it actually enters it.</summary>
/// <remarks>Both walks use explicit stacks over arrays indexed by <see cref="SchemaNode.Id"/>: linear in the size of
/// the graph, at any depth.</remarks>
internal static class ReferenceCycles
{
    public static void Analyse(SchemaNode root, IReadOnlyList<SchemaNode> nodes)
    {
        ThrowIfUnavoidable(root, Edges(nodes, must: true));
        GuardCycles(nodes, Edges(nodes, must: false));
    }

    /// <summary>Depth-first from the root over the subschemas every evaluation of a schema applies in place
    /// (<c>$ref</c>, <c>allOf</c>, <c>not</c>, <c>if</c>, a one-branch <c>anyOf</c>/<c>oneOf</c>): a cycle there
    /// recurses for every instance.</summary>
    private static void ThrowIfUnavoidable(SchemaNode root, Graph graph)
    {
        // 0: not seen, 1: on the current path, 2: done.
        var state = new byte[graph.Nodes.Count];
        var path = new Stack<(int Node, int Next)>();
        state[root.Id] = 1;
        path.Push((root.Id, graph.Start[root.Id]));
        while (path.TryPop(out var frame))
        {
            if (frame.Next == graph.Start[frame.Node + 1])
            {
                state[frame.Node] = 2;
                continue;
            }

            path.Push((frame.Node, frame.Next + 1));
            var child = graph.Targets[frame.Next];
            if (state[child] == 1)
            {
                throw new InvalidSchemaException(
                    "The schema has a reference cycle that every evaluation enters and that never reaches into the instance (it would recurse forever).",
                    graph.Nodes[child].AbsoluteLocation);
            }

            if (state[child] == 0)
            {
                state[child] = 1;
                path.Push((child, graph.Start[child]));
            }
        }
    }

    /// <summary>Marks every reference whose target lies in the same strongly connected component of in-place
    /// edges as its own schema (Tarjan's algorithm, iterative): only those can lead evaluation back to where it
    /// started without consuming the instance.</summary>
    private static void GuardCycles(IReadOnlyList<SchemaNode> nodes, Graph graph)
    {
        var count = nodes.Count;
        var index = new int[count];
        var low = new int[count];
        var component = new int[count];
        var onStack = new bool[count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var calls = new Stack<(int Node, int Next)>();
        var counter = 0;
        var components = 0;
        for (var start = 0; start < count; start++)
        {
            if (index[start] >= 0)
            {
                continue;
            }

            Enter(start);
            while (calls.TryPop(out var frame))
            {
                var node = frame.Node;
                if (frame.Next < graph.Start[node + 1])
                {
                    calls.Push((node, frame.Next + 1));
                    var child = graph.Targets[frame.Next];
                    if (index[child] < 0)
                    {
                        Enter(child);
                    }
                    else if (onStack[child])
                    {
                        low[node] = Math.Min(low[node], index[child]);
                    }

                    continue;
                }

                if (calls.TryPeek(out var parent))
                {
                    low[parent.Node] = Math.Min(low[parent.Node], low[node]);
                }

                if (low[node] == index[node])
                {
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component[member] = components;
                    }
                    while (member != node);
                    components++;
                }
            }
        }

        foreach (var node in nodes)
        {
            foreach (var keyword in node.Keywords)
            {
                if (keyword is ReferenceKeyword reference && component[reference.StaticTarget.Id] == component[node.Id])
                {
                    reference.Guarded = true;
                }
            }
        }

        void Enter(int node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack[node] = true;
            calls.Push((node, graph.Start[node]));
        }
    }

    /// <summary>The in-place edges (or only those every evaluation takes) as adjacency arrays: the targets of node
    /// <c>n</c> are <c>Targets[Start[n]..Start[n + 1]]</c>.</summary>
    private static Graph Edges(IReadOnlyList<SchemaNode> nodes, bool must)
    {
        var start = new int[nodes.Count + 1];
        var targets = new List<int>();
        for (var n = 0; n < nodes.Count; n++)
        {
            start[n] = targets.Count;
            foreach (var keyword in nodes[n].Keywords)
            {
                foreach (var child in must ? keyword.MustSubschemas : keyword.InPlaceSubschemas)
                {
                    targets.Add(child.Id);
                }
            }
        }

        start[nodes.Count] = targets.Count;
        return new Graph(nodes, start, [.. targets]);
    }

    private sealed record Graph(IReadOnlyList<SchemaNode> Nodes, int[] Start, int[] Targets);
}
