using System.Collections.Concurrent;
using CoreRegistryClient.JsonSchema.Keywords;
using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Compilation;

/// <summary>Compiled patterns shared by every compilation in the process. Translating an ECMA-262 pattern and
/// building its matchers cost more than the rest of a small schema's compilation (two short patterns were an
/// eighth of the Monte Carlo sample schema's compile), and services compile the same schemas, or new versions
/// sharing most patterns, again and again. A <see cref="SchemaPattern"/> is immutable and thread-safe (its lazily
/// built regexes are published atomically), so validators can share one.</summary>
/// <remarks>Bounded: when <see cref="Capacity"/> patterns are held, the cache starts again empty, so a process that
/// compiles schemas from many sources keeps at most that many patterns (and their regexes) alive here. Invalid
/// patterns are not cached: each compilation refuses them itself.</remarks>
internal static class SharedPatterns
{
    /// <summary>The most patterns held at once.</summary>
    internal const int Capacity = 256;

    private static readonly ConcurrentDictionary<(string Source, TimeSpan Budget), SchemaPattern> s_patterns = new();

    /// <summary>How many patterns are held now.</summary>
    internal static int Count => s_patterns.Count;

    /// <summary>The compiled <paramref name="source"/> whose backtracking matches time out after <paramref name="budget"/>.</summary>
    /// <exception cref="ArgumentException">The pattern is invalid or has no .NET equivalent (see <see cref="EcmaPattern.Create"/>).</exception>
    public static SchemaPattern Get(string source, TimeSpan budget)
    {
        var key = (source, budget);
        if (s_patterns.TryGetValue(key, out var pattern))
        {
            return pattern;
        }

        pattern = new SchemaPattern(source, EcmaPattern.Create(source, budget));
        if (s_patterns.Count >= Capacity)
        {
            s_patterns.Clear();
        }

        return s_patterns.GetOrAdd(key, pattern);
    }
}
