namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>An immutable set of Unicode code points held as sorted, disjoint, non-adjacent inclusive ranges.</summary>
/// <remarks>ECMA-262 unicode-mode classes range over code points while .NET regexes see UTF-16 units, so classes
/// are computed here as exact sets and only then written out as .NET syntax.</remarks>
internal sealed class CodePointSet
{
    /// <summary>The largest Unicode code point.</summary>
    public const int MaxCodePoint = 0x10FFFF;

    private readonly (int Start, int End)[] _ranges;

    private CodePointSet((int Start, int End)[] normalizedRanges) => _ranges = normalizedRanges;

    /// <summary>The empty set.</summary>
    public static CodePointSet Empty { get; } = new([]);

    /// <summary>Every code point.</summary>
    public static CodePointSet All { get; } = new([(0, MaxCodePoint)]);

    /// <summary>The sorted, disjoint ranges of the set.</summary>
    public ReadOnlySpan<(int Start, int End)> Ranges => _ranges;

    /// <summary>Whether the set has no members.</summary>
    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>A set of one code point.</summary>
    public static CodePointSet Single(int codePoint) => new([(codePoint, codePoint)]);

    /// <summary>A set of one inclusive range.</summary>
    public static CodePointSet Range(int start, int end) => start > end ? Empty : new([(start, end)]);

    /// <summary>A set from ranges in any order, possibly overlapping.</summary>
    public static CodePointSet FromRanges(IEnumerable<(int Start, int End)> ranges)
    {
        var list = new List<(int Start, int End)>(ranges);
        return new CodePointSet(Normalize(list));
    }

    /// <summary>Whether <paramref name="codePoint"/> is a member.</summary>
    public bool Contains(int codePoint)
    {
        int lo = 0, hi = _ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (codePoint < _ranges[mid].Start)
            {
                hi = mid - 1;
            }
            else if (codePoint > _ranges[mid].End)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The members of either set.</summary>
    public CodePointSet Union(CodePointSet other)
    {
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        // Both inputs are sorted, so a merge keeps this linear.
        var merged = new List<(int Start, int End)>(_ranges.Length + other._ranges.Length);
        int i = 0, j = 0;
        while (i < _ranges.Length || j < other._ranges.Length)
        {
            var next = j >= other._ranges.Length || (i < _ranges.Length && _ranges[i].Start <= other._ranges[j].Start)
                ? _ranges[i++]
                : other._ranges[j++];
            if (merged.Count > 0 && next.Start <= merged[^1].End + 1)
            {
                var last = merged[^1];
                merged[^1] = (last.Start, Math.Max(last.End, next.End));
            }
            else
            {
                merged.Add(next);
            }
        }

        return new CodePointSet([.. merged]);
    }

    /// <summary>Every code point not in this set.</summary>
    public CodePointSet Complement()
    {
        var result = new List<(int Start, int End)>(_ranges.Length + 1);
        var next = 0;
        foreach (var (start, end) in _ranges)
        {
            if (start > next)
            {
                result.Add((next, start - 1));
            }

            next = end + 1;
        }

        if (next <= MaxCodePoint)
        {
            result.Add((next, MaxCodePoint));
        }

        return new CodePointSet([.. result]);
    }

    /// <summary>The members of both sets.</summary>
    public CodePointSet Intersect(CodePointSet other)
    {
        var result = new List<(int Start, int End)>();
        int i = 0, j = 0;
        while (i < _ranges.Length && j < other._ranges.Length)
        {
            var (a, b) = (_ranges[i], other._ranges[j]);
            var start = Math.Max(a.Start, b.Start);
            var end = Math.Min(a.End, b.End);
            if (start <= end)
            {
                result.Add((start, end));
            }

            if (a.End < b.End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return new CodePointSet([.. result]);
    }

    /// <summary>The members of this set that are not in <paramref name="other"/>.</summary>
    public CodePointSet Except(CodePointSet other) => Intersect(other.Complement());

    private static (int Start, int End)[] Normalize(List<(int Start, int End)> ranges)
    {
        ranges.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<(int Start, int End)>(ranges.Count);
        foreach (var range in ranges)
        {
            if (range.Start > range.End)
            {
                continue;
            }

            if (merged.Count > 0 && range.Start <= merged[^1].End + 1)
            {
                var last = merged[^1];
                merged[^1] = (last.Start, Math.Max(last.End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return [.. merged];
    }
}
