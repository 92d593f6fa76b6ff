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

        var text = Settings.IncludeValuesInMessages ? message + " Value: " + Excerpt(token) : message;
        State.AddError(new ValidationError(
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

        State.AddError(new ValidationError(
            InstancePointer(token),
            KeywordPointer(node.Pointer, ref node.LocationViaReferences),
            node.AbsoluteLocation,
            node.ParentKeyword,
            "The schema does not allow this value."));
        return false;
    }

    /// <summary>The JSON Pointer of <paramref name="token"/> (see <see cref="EvaluationState.InstancePointer"/>).</summary>
    private readonly string InstancePointer(int token) => State.InstancePointer(Json, token, Settings.RootPointers);

    /// <summary>The keyword location along the evaluation path: <paramref name="pointer"/> (its place in its document)
    /// behind the references followed to reach it, reusing <paramref name="cache"/> when the chain is the same.</summary>
    private readonly string KeywordPointer(string pointer, ref ChainedLocation? cache)
    {
        if (State.RefCount == 0)
        {
            return pointer;
        }

        var refs = State.Refs;
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
}
