using System.Globalization;
using System.Text;
using CoreRegistryClient.JsonSchema.Instance;
using CoreRegistryClient.JsonSchema.Keywords;

namespace CoreRegistryClient.JsonSchema.Evaluation;

/// <summary>What every keyword sees while validating one instance: the bytes, their tape, the pooled state and
/// whether errors are being collected (list output) or the first failure ends it (flag output).</summary>
internal ref struct EvaluationContext
{
    public EvaluationContext(ReadOnlySpan<byte> json, EvaluationState state, ValidatorSettings settings, bool collect)
    {
        Json = json;
        Tape = state.Tape;
        State = state;
        Settings = settings;
        Collect = collect;
        TrackScope = settings.TrackScope;
        ProbeStack = state.InstanceDepth > ValidatorSettings.UnprobedInstanceDepth;
    }

    public readonly ReadOnlySpan<byte> Json;

    public readonly JsonToken[] Tape;

    public readonly EvaluationState State;

    public readonly ValidatorSettings Settings;

    /// <summary>Whether the dynamic scope is kept (the graph uses <c>$dynamicRef</c>/<c>$recursiveRef</c>).</summary>
    public readonly bool TrackScope;

    /// <summary>Whether the instance nests deeply enough (a raised <see cref="JsonSchemaOptions.MaxDepth"/>) that
    /// descending into it must probe the stack.</summary>
    public readonly bool ProbeStack;

    /// <summary>Whether errors are recorded (list output) rather than stopping at the first failure.</summary>
    public bool Collect;

    public readonly JsonTokenKind Kind(int token) => Tape[token].Kind;

    /// <summary>The raw bytes of a scalar token (strings: between the quotes, still escaped).</summary>
    public readonly ReadOnlySpan<byte> Raw(int token)
    {
        ref var t = ref Tape[token];
        return Json.Slice(t.Start, t.Length);
    }

    /// <summary>The UTF-16 text of a string or property-name token in a scratch buffer valid until the next call.</summary>
    public readonly ReadOnlySpan<char> Text(int token)
    {
        ref var t = ref Tape[token];
        var raw = Json.Slice(t.Start, t.Length);
        var buffer = State.Chars(raw.Length);
        var n = JsonStrings.DecodeToUtf16(raw, t.Escaped, buffer);
        return buffer[..n];
    }

    /// <summary>Records an error (list output) and returns false so keywords can <c>return ctx.Fail(...)</c>.</summary>
    public readonly bool Fail(Keyword keyword, int token, string message)
    {
        if (!Collect)
        {
            return false;
        }

        var errors = State.Errors;
        var text = Settings.IncludeValuesInMessages ? message + " Value: " + Excerpt(token) : message;
        errors.Add(new ValidationError(
            InstancePointer(token),
            KeywordPointer(keyword.Pointer, ref keyword.LocationViaReferences),
            keyword.AbsoluteLocation,
            keyword.Name,
            text));
        return false;
    }

    /// <summary>Records the failure of a <c>false</c> schema.</summary>
    public readonly bool FailSchema(SchemaNode node, int token)
    {
        if (!Collect)
        {
            return false;
        }

        var errors = State.Errors;
        errors.Add(new ValidationError(
            InstancePointer(token),
            KeywordPointer(node.Pointer, ref node.LocationViaReferences),
            node.AbsoluteLocation,
            node.ParentKeyword,
            "The schema does not allow this value."));
        return false;
    }

    /// <summary>The JSON Pointer of <paramref name="token"/>, found by walking down from the root.</summary>
    public readonly string InstancePointer(int token)
    {
        if (token == 0)
        {
            return "";
        }

        if (State.RecentPointer(token) is { } known)
        {
            return known;
        }

        // Built in the state's pooled pointer buffer: one string allocation per new pointer, nothing else.
        var buffer = State.PointerChars(64);
        var length = 0;
        var current = 0;
        var depth = 0;
        while (current != token)
        {
            ref var container = ref Tape[current];
            var end = container.End;
            var cache = State.PointerCache(depth++);
            var child = current + 1;
            var index = 0;
            if (cache[0] == current && cache[1] <= token)
            {
                child = cache[1];
                index = cache[2];
            }

            var isObject = container.Kind == JsonTokenKind.Object;
            while (child < end)
            {
                // Objects step over name and value; arrays over one item.
                var next = isObject ? Tape[child + 1].End : Tape[child].End;
                if (token < next)
                {
                    cache[0] = current;
                    cache[1] = child;
                    cache[2] = index;
                    if (isObject)
                    {
                        ref var name = ref Tape[child];
                        var raw = Json.Slice(name.Start, name.Length);

                        // A name decodes to at most one char per byte, and escaping at most doubles it.
                        buffer = State.PointerChars(length + 1 + (raw.Length * 2));
                        buffer[length++] = '/';
                        length += name.Escaped || !TryAppendAscii(raw, buffer[length..], out var written)
                            ? AppendEscaped(buffer[length..], JsonStrings.DecodeToUtf16(raw, name.Escaped, buffer[length..]))
                            : written;
                        current = token == child ? token : child + 1; // a property name (propertyNames) is reported at its property
                    }
                    else
                    {
                        buffer = State.PointerChars(length + 12);
                        buffer[length++] = '/';
                        index.TryFormat(buffer[length..], out var digits, default, CultureInfo.InvariantCulture);
                        length += digits;
                        current = child;
                    }

                    break;
                }

                child = next;
                index++;
            }
        }

        var pointer = new string(buffer[..length]);
        State.RememberPointer(token, pointer);
        return pointer;
    }

    /// <summary>The keyword location along the evaluation path: <paramref name="pointer"/> (its place in its document)
    /// behind the references followed to reach it, reusing <paramref name="cache"/> when the chain is the same.</summary>
    private readonly string KeywordPointer(string pointer, ref ChainedLocation? cache)
    {
        var refs = State.Refs;
        if (refs.Length == 0)
        {
            return pointer;
        }

        var cached = Volatile.Read(ref cache);
        if (cached is not null && cached.IsFor(refs))
        {
            return cached.Pointer;
        }

        var sb = State.Builder();
        var prefix = 0;
        foreach (var step in refs)
        {
            var at = step.Reference.Pointer;
            sb.Append(at.AsSpan(Math.Min(prefix, at.Length)));
            prefix = step.Target.Pointer.Length;
        }

        sb.Append(pointer.AsSpan(Math.Min(prefix, pointer.Length)));
        var built = sb.ToString();
        Volatile.Write(ref cache, new ChainedLocation(refs, built));
        return built;
    }

    private readonly string Excerpt(int token)
    {
        ref var t = ref Tape[token];
        var start = t.Kind == JsonTokenKind.String ? t.Start - 1 : t.Start;
        var length = t.Kind switch
        {
            JsonTokenKind.String => t.Length + 2,
            JsonTokenKind.Object or JsonTokenKind.Array => ContainerLength(Json[t.Start..]),
            _ => t.Length,
        };
        var text = Encoding.UTF8.GetString(Json.Slice(start, Math.Min(length, 200)));
        return length > 200 ? text + "..." : text;
    }

    /// <summary>The byte length of the object or array at the start of <paramref name="json"/> (containers do not keep
    /// theirs on the tape; only messages that quote values need it).</summary>
    private static int ContainerLength(ReadOnlySpan<byte> json)
    {
        var reader = new System.Text.Json.Utf8JsonReader(json, new System.Text.Json.JsonReaderOptions { MaxDepth = int.MaxValue });
        reader.Read();
        reader.Skip();
        return (int)reader.BytesConsumed;
    }

    /// <summary>Copies an ASCII name (most are) to <paramref name="destination"/> escaped as a JSON Pointer token, one
    /// char per byte without a decoder's set-up cost; false, having written garbage, when a byte is not ASCII.</summary>
    private static bool TryAppendAscii(ReadOnlySpan<byte> raw, Span<char> destination, out int written)
    {
        written = 0;
        foreach (var b in raw)
        {
            if (b >= 0x80)
            {
                return false;
            }

            if (b is (byte)'~' or (byte)'/')
            {
                destination[written++] = '~';
                destination[written++] = b == '~' ? '0' : '1';
            }
            else
            {
                destination[written++] = (char)b;
            }
        }

        return true;
    }

    /// <summary>Escapes, in place, the <paramref name="length"/> chars of a decoded name at the start of
    /// <paramref name="segment"/> as a JSON Pointer token (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>); the span has
    /// room for the growth. Returns the escaped length.</summary>
    private static int AppendEscaped(Span<char> segment, int length)
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
}
