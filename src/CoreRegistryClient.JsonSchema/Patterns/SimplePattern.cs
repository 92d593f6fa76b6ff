namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>A pattern that is only a sequence of quantified single-character sets, optionally anchored (such as
/// <c>^[A-Z][A-Z0-9.\-]{0,11}$</c>, the commonest shape in schemas), matched without a regex engine.</summary>
/// <remarks>The matcher tracks every input position reachable after each item as bits of one 64-bit word (so
/// it is exact, with no greedy shortcuts, and allocates nothing); it serves inputs of up to 63 characters, and
/// longer ones use the regex.</remarks>
internal sealed class SimplePattern
{
    /// <summary>The longest input matched here: positions 0..63 fill one 64-bit word.</summary>
    public const int MaxInputLength = 63;

    private readonly Item[] _items;
    private readonly bool _anchoredStart;
    private readonly bool _anchoredEnd;

    /// <summary>Creates the matcher.</summary>
    public SimplePattern(IReadOnlyList<(CodePointSet Set, int Min, int Max)> items, bool anchoredStart, bool anchoredEnd)
    {
        _items = [.. items.Select(i => new Item(i.Set, i.Min, i.Max))];
        _anchoredStart = anchoredStart;
        _anchoredEnd = anchoredEnd;
    }

    /// <summary>Whether the pattern matches somewhere in <paramref name="input"/>, which must be at most
    /// <see cref="MaxInputLength"/> characters.</summary>
    public bool IsMatch(ReadOnlySpan<char> input)
    {
        var n = input.Length;
        var all = n == 63 ? ulong.MaxValue : (1UL << (n + 1)) - 1;

        // Bit p of reachable: the items so far can end at position p. An unanchored start may begin anywhere.
        var reachable = _anchoredStart ? 1UL : all;
        foreach (var item in _items)
        {
            // Bit p of members: input[p] belongs to the item's set, so one step can go from p to p + 1.
            var members = 0UL;
            for (var p = 0; p < n; p++)
            {
                if (item.Contains(input[p]))
                {
                    members |= 1UL << p;
                }
            }

            var current = reachable;
            for (var step = 0; step < item.Min && current != 0; step++)
            {
                current = (current & members) << 1;
            }

            var reached = current;
            for (var step = item.Min; step < item.Max && current != 0 && step < n; step++)
            {
                current = (current & members) << 1;
                reached |= current;
            }

            reachable = reached & all;
            if (reachable == 0)
            {
                return false;
            }
        }

        // An unanchored end may stop anywhere.
        return _anchoredEnd ? (reachable & (1UL << n)) != 0 : reachable != 0;
    }

    private sealed class Item(CodePointSet set, int min, int max)
    {
        private readonly ulong _asciiLow = AsciiMask(set, 0);
        private readonly ulong _asciiHigh = AsciiMask(set, 64);

        public int Min { get; } = min;

        public int Max { get; } = max;

        public bool Contains(char c) => c switch
        {
            < (char)64 => (_asciiLow & (1UL << c)) != 0,
            < (char)128 => (_asciiHigh & (1UL << (c - 64))) != 0,
            _ => !char.IsSurrogate(c) && set.Contains(c),
        };

        private static ulong AsciiMask(CodePointSet set, int offset)
        {
            var mask = 0UL;
            for (var c = 0; c < 64; c++)
            {
                if (set.Contains(offset + c))
                {
                    mask |= 1UL << c;
                }
            }

            return mask;
        }
    }
}
