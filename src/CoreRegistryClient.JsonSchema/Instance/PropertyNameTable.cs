using System.Runtime.CompilerServices;
using System.Text;

namespace CoreRegistryClient.JsonSchema.Instance;

/// <summary>Looks up instance property names (raw UTF-8, possibly escaped) among names known at compile time,
/// without allocating: linear for a few names, hashed for more.</summary>
internal sealed class PropertyNameTable
{
    private const int LinearLimit = 8;
    private readonly byte[][] _names;
    private readonly int[] _buckets;
    private readonly int[] _next;
    private readonly int _mask;

    public PropertyNameTable(IReadOnlyList<string> names)
    {
        _names = new byte[names.Count][];
        for (var i = 0; i < names.Count; i++)
        {
            _names[i] = Encoding.UTF8.GetBytes(names[i]);
        }

        _buckets = [];
        _next = [];
        if (_names.Length > LinearLimit)
        {
            var size = 1;
            while (size < _names.Length * 2)
            {
                size <<= 1;
            }

            _mask = size - 1;
            _buckets = new int[size];
            _next = new int[_names.Length];
            Array.Fill(_buckets, -1);
            for (var i = 0; i < _names.Length; i++)
            {
                var b = QuickHash(_names[i]) & _mask;
                _next[i] = _buckets[b];
                _buckets[b] = i;
            }
        }
    }

    public int Count => _names.Length;

    /// <summary>The UTF-8 bytes of the name at <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Utf8(int index) => _names[index];

    /// <summary>The index of the name, or -1; <paramref name="hint"/> is tried first (payloads usually list
    /// properties in the order the schema declares them, so the next index is the likely one).</summary>
    public int Find(ReadOnlySpan<byte> raw, bool escaped, int hint)
    {
        if (!escaped && (uint)hint < (uint)_names.Length)
        {
            var candidate = _names[hint];
            if (candidate.Length == raw.Length && raw.SequenceEqual(candidate))
            {
                return hint;
            }
        }

        return Find(raw, escaped);
    }

    /// <summary>The index of the name, or -1.</summary>
    public int Find(ReadOnlySpan<byte> raw, bool escaped) => escaped ? FindEscaped(raw) : FindUnescaped(raw);

    // Apart so the common (unescaped) lookup pays no stackalloc: no stack-guard check, and it can inline.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int FindEscaped(ReadOnlySpan<byte> raw)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (raw.Length > buffer.Length)
        {
            buffer = new byte[raw.Length];
        }

        var n = JsonStrings.UnescapeToUtf8(raw, buffer);
        return FindUnescaped(buffer[..n]);
    }

    private int FindUnescaped(ReadOnlySpan<byte> name)
    {
        var names = _names;
        if (names.Length <= LinearLimit)
        {
            for (var i = 0; i < names.Length; i++)
            {
                var candidate = names[i];
                if (candidate.Length == name.Length && name.SequenceEqual(candidate))
                {
                    return i;
                }
            }

            return -1;
        }

        for (var i = _buckets[QuickHash(name) & _mask]; i >= 0; i = _next[i])
        {
            if (name.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Length and three sampled bytes: enough to spread typical property names, O(1) per lookup.</summary>
    private static int QuickHash(ReadOnlySpan<byte> name)
        => name.Length == 0 ? 0 : (name.Length * 31) ^ name[0] ^ (name[^1] << 5) ^ (name[name.Length >> 1] << 10);
}
