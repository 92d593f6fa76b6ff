namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary>A fast path for the most common schema patterns — fully anchored runs of ASCII character classes such
/// as <c>^[A-Z][A-Z0-9.\-]{0,11}$</c> or <c>^[0-9a-f]{32}$</c> — matched directly on UTF-8 bytes. Only patterns
/// whose greedy match is unambiguous are accepted; anything else stays with the regular-expression engine.</summary>
internal sealed class AnchoredClassPattern
{
    private readonly Atom[] _atoms;

    private AnchoredClassPattern(Atom[] atoms) => _atoms = atoms;

    /// <summary>Compiles <paramref name="pattern"/> if it is in the supported subset, else returns null.</summary>
    public static AnchoredClassPattern? TryCreate(string pattern)
    {
        if (pattern.Length < 2 || pattern[0] != '^' || pattern[^1] != '$' || (pattern.Length >= 3 && pattern[^2] == '\\'))
        {
            return null;
        }

        var atoms = new List<Atom>();
        var i = 1;
        var end = pattern.Length - 1;
        while (i < end)
        {
            var set = new bool[128];
            var c = pattern[i];
            if (c == '[')
            {
                if (!ParseClass(pattern, ref i, end, set))
                {
                    return null;
                }
            }
            else if (c == '\\')
            {
                if (i + 1 >= end || !ParseEscape(pattern[i + 1], set))
                {
                    return null;
                }

                i += 2;
            }
            else if (c < 128 && !IsMeta(c))
            {
                set[c] = true;
                i++;
            }
            else
            {
                return null;
            }

            var (min, max) = (1, 1);
            if (i < end && !ParseQuantifier(pattern, ref i, end, ref min, ref max))
            {
                return null;
            }

            atoms.Add(new Atom(set, min, max));
        }

        // Greedy matching is exact only if a variable-length atom cannot also consume what the next atom needs.
        for (var a = 0; a + 1 < atoms.Count; a++)
        {
            if (atoms[a].Min != atoms[a].Max && Overlaps(atoms[a].Set, atoms[a + 1].Set))
            {
                return null;
            }
        }

        return new AnchoredClassPattern([.. atoms]);
    }

    /// <summary>Matches unescaped UTF-8 string contents. Bytes of 0x80 and above never belong to an ASCII class.</summary>
    public bool IsMatch(ReadOnlySpan<byte> utf8)
    {
        var pos = 0;
        foreach (var atom in _atoms)
        {
            var count = 0;
            while (count < atom.Max && pos < utf8.Length && utf8[pos] < 128 && atom.Set[utf8[pos]])
            {
                pos++;
                count++;
            }

            if (count < atom.Min)
            {
                return false;
            }
        }

        return pos == utf8.Length;
    }

    private static bool IsMeta(char c) => "^$.|?*+()[]{}\\/".Contains(c, StringComparison.Ordinal);

    private static bool Overlaps(bool[] a, bool[] b)
    {
        for (var k = 0; k < 128; k++)
        {
            if (a[k] && b[k])
            {
                return true;
            }
        }

        return false;
    }

    private static bool ParseEscape(char e, bool[] set)
    {
        switch (e)
        {
            case 'd':
                Range(set, '0', '9');
                return true;
            case 'w':
                Range(set, '0', '9');
                Range(set, 'a', 'z');
                Range(set, 'A', 'Z');
                set['_'] = true;
                return true;
            default:
                if (e < 128 && (IsMeta(e) || e == '-'))
                {
                    set[e] = true;
                    return true;
                }

                return false;
        }
    }

    private static bool ParseClass(string p, ref int i, int end, bool[] set)
    {
        i++;
        if (i < end && p[i] == '^')
        {
            return false; // negated classes would match non-ASCII code points too
        }

        if (i < end && p[i] == ']')
        {
            return false; // ECMA-262's empty class matches nothing; leave it to the regex engine
        }

        while (i < end && p[i] != ']')
        {
            int lo;
            if (p[i] == '\\')
            {
                if (i + 1 >= end)
                {
                    return false;
                }

                var e = p[i + 1];
                if (e is 'd' or 'w')
                {
                    ParseEscape(e, set);
                    i += 2;
                    continue;
                }

                if (e >= 128 || !(IsMeta(e) || e == '-'))
                {
                    return false;
                }

                lo = e;
                i += 2;
            }
            else if (p[i] < 128 && p[i] != '[')
            {
                lo = p[i];
                i++;
            }
            else
            {
                return false;
            }

            if (i + 1 < end && p[i] == '-' && p[i + 1] != ']')
            {
                var hi = p[i + 1];
                if (hi == '\\' || hi >= 128 || hi < lo)
                {
                    return false;
                }

                Range(set, (char)lo, hi);
                i += 2;
            }
            else
            {
                set[lo] = true;
            }
        }

        if (i >= end)
        {
            return false;
        }

        i++; // ']'
        return true;
    }

    private static bool ParseQuantifier(string p, ref int i, int end, ref int min, ref int max)
    {
        switch (p[i])
        {
            case '?': (min, max) = (0, 1); i++; break;
            case '*': (min, max) = (0, int.MaxValue); i++; break;
            case '+': (min, max) = (1, int.MaxValue); i++; break;
            case '{':
                {
                    var close = p.IndexOf('}', i);
                    if (close < 0 || close >= end)
                    {
                        return false;
                    }

                    var body = p.AsSpan(i + 1, close - i - 1);
                    var comma = body.IndexOf(',');
                    var inv = System.Globalization.CultureInfo.InvariantCulture;
                    var style = System.Globalization.NumberStyles.None;
                    if (comma < 0)
                    {
                        if (!int.TryParse(body, style, inv, out min))
                        {
                            return false;
                        }

                        max = min;
                    }
                    else if (!int.TryParse(body[..comma], style, inv, out min)
                        || !(comma == body.Length - 1 ? (max = int.MaxValue) > 0 : int.TryParse(body[(comma + 1)..], style, inv, out max))
                        || max < min)
                    {
                        return false;
                    }

                    i = close + 1;
                    break;
                }

            default:
                return true;
        }

        // A lazy or possessive suffix, or a second quantifier, is not in the subset.
        return i >= end || p[i] is not ('?' or '*' or '+' or '{');
    }

    private static void Range(bool[] set, char lo, char hi)
    {
        for (var c = lo; c <= hi; c++)
        {
            set[c] = true;
        }
    }

    private readonly record struct Atom(bool[] Set, int Min, int Max);
}
