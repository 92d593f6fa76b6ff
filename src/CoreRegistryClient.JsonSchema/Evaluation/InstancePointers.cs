using System.Buffers;
using System.Globalization;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Evaluation;

/// <summary>The JSON Pointers of instance tokens (list output), pooled with the evaluation state. Errors arrive in
/// document order and often at or beside the last one, so the walk down from the root resumes where the last one
/// passed each level, and the text of the path the two share is kept instead of being written again: only the
/// segments below the first level where they part are written.</summary>
internal sealed class InstancePointers
{
    private const int MaxRetainedLevels = 256;

    // A failing value often fails several keywords (and every oneOf branch): the last few pointers are reused whole.
    // A power of two: the ring's next slot is found with a mask.
    private const int RecentCount = 4;

    // Bytes a name is copied with as they are: ASCII other than '~' and '/', which a pointer escapes.
    private static readonly SearchValues<byte> s_plain = SearchValues.Create(
        [.. Enumerable.Range(0, 0x80).Where(b => b is not ('~' or '/')).Select(b => (byte)b)]);

    private readonly int[] _recentTokens = Enumerable.Repeat(-1, RecentCount).ToArray();
    private readonly string?[] _recentPointers = new string?[RecentCount];
    private int _recentNext = -1;

    // The text of the last pointer built, each written over the one before from the first level where their paths part.
    private char[] _chars = new char[64];

    // Per depth: the container walked, the child reached in it (an object's name token, an array's item), its index and
    // the text length with its segment. The container-child pairs stay true of the instance, so any later walk may
    // resume there; the text lengths only hold for the last pointer's own levels (the first _textDepth): deeper
    // entries are from older pointers whose text a shorter one may since have overwritten.
    private Level[] _levels = new Level[8];
    private int _levelCount;
    private int _textDepth;

    /// <summary>The JSON Pointer of <paramref name="token"/>, below the root (a property name token is located at its
    /// property); the root's own pointer is the caller's (<see cref="EvaluationState.InstancePointer"/>).</summary>
    public string Of(ReadOnlySpan<byte> json, JsonToken[] tape, int token)
    {
        if (_recentNext >= 0)
        {
            for (var i = 0; i < RecentCount; i++)
            {
                if (_recentTokens[i] == token)
                {
                    return _recentPointers[i]!;
                }
            }
        }

        var length = 0;
        var current = 0;
        var depth = 0;
        var shared = true;
        while (current != token)
        {
            if (depth == _levels.Length)
            {
                Array.Resize(ref _levels, depth * 2);
            }

            ref var level = ref _levels[depth];
            var known = depth < _levelCount && level.Container == current;
            ref var container = ref tape[current];
            var isObject = container.Kind == JsonTokenKind.Object;
            var end = container.End;
            var child = current + 1;
            var index = 0;
            if (known && level.Child <= token)
            {
                child = level.Child;
                index = level.Index;
            }

            while (child < end)
            {
                // Objects step over name and value; arrays over one item.
                var next = isObject ? tape[child + 1].End : tape[child].End;
                if (token < next)
                {
                    break;
                }

                child = next;
                index++;
            }

            shared = shared && depth < _textDepth && known && level.Child == child;
            if (shared)
            {
                length = level.Length;
            }
            else
            {
                length = isObject ? AppendName(json, ref tape[child], length) : AppendIndex(index, length);
                level = new Level(current, child, index, length);
            }

            depth++;
            current = !isObject ? child : token == child ? token : child + 1;
        }

        _levelCount = Math.Max(_levelCount, depth);
        _textDepth = depth;
        var pointer = new string(_chars, 0, length);
        _recentNext = (_recentNext + 1) & (RecentCount - 1);
        _recentTokens[_recentNext] = token;
        _recentPointers[_recentNext] = pointer;
        return pointer;
    }

    /// <summary>Forgets this validation's instance: the walk cache and the recent pointers describe its tokens only.</summary>
    public void Reset()
    {
        if (_recentNext >= 0)
        {
            Array.Fill(_recentTokens, -1);
            Array.Clear(_recentPointers);
            _recentNext = -1;
        }

        _levelCount = 0;
        _textDepth = 0;
        if (_chars.Length > EvaluationState.MaxRetainedChars)
        {
            _chars = new char[64];
        }

        // Like the text, the levels of one very deep payload (MaxDepth raised) are not kept per thread.
        if (_levels.Length > MaxRetainedLevels)
        {
            _levels = new Level[8];
        }
    }

    /// <summary>Writes "/name" at <paramref name="at"/>, the name escaped as a pointer token; returns the new length.</summary>
    private int AppendName(ReadOnlySpan<byte> json, ref JsonToken name, int at)
    {
        var raw = json.Slice(name.Start, name.Length);

        // A name decodes to at most one char per byte, and escaping at most doubles it.
        var buffer = Room(at + 1 + (raw.Length * 2));
        buffer[at++] = '/';
        var segment = buffer.AsSpan(at);
        if (!name.Escaped && raw.IndexOfAnyExcept(s_plain) < 0)
        {
            // Most names: plain ASCII, widened as they are (vectorised, like the search above).
            System.Text.Ascii.ToUtf16(raw, segment, out var written);
            return at + written;
        }

        return at + Escape(segment, JsonStrings.DecodeToUtf16(raw, name.Escaped, segment));
    }

    /// <summary>Writes "/index" at <paramref name="at"/>; returns the new length.</summary>
    private int AppendIndex(int index, int at)
    {
        // An int has at most 10 digits; an index is never negative.
        var buffer = Room(at + 11);
        buffer[at] = '/';
        index.TryFormat(buffer.AsSpan(at + 1), out var written, default, CultureInfo.InvariantCulture);
        return at + 1 + written;
    }

    /// <summary>The text buffer with room for <paramref name="length"/> chars, keeping what is written.</summary>
    private char[] Room(int length)
    {
        if (_chars.Length < length)
        {
            var bigger = new char[Math.Max(length, _chars.Length * 2)];
            _chars.CopyTo(bigger, 0);
            _chars = bigger;
        }

        return _chars;
    }

    /// <summary>Escapes, in place, the <paramref name="length"/> chars of a decoded name at the start of
    /// <paramref name="segment"/> as a JSON Pointer token (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>); the span has
    /// room for the growth. Returns the escaped length.</summary>
    private static int Escape(Span<char> segment, int length)
    {
        var specials = segment[..length].Count('~') + segment[..length].Count('/');
        if (specials == 0)
        {
            return length;
        }

        // Right to left, so every char is read before its place is written.
        var write = length + specials;
        for (var read = length - 1; read >= 0; read--)
        {
            var c = segment[read];
            if (c is '~' or '/')
            {
                segment[--write] = c == '~' ? '0' : '1';
                segment[--write] = '~';
            }
            else
            {
                segment[--write] = c;
            }
        }

        return length + specials;
    }

    private readonly record struct Level(int Container, int Child, int Index, int Length);
}
