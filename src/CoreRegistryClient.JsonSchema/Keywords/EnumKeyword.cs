using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>enum</c>: JSON equality with one of the listed values.</summary>
internal sealed class EnumKeyword : Keyword
{
    private readonly ConstantValue[] _values;
    private readonly byte[][] _strings;
    private readonly string _listing;
    // Built on the first failure (list output only) and reused: messages quote only schema values.
    private string? _message;

    private EnumKeyword(SchemaNode owner, string name, JsonElement value) : base(owner, name)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw KeywordValues.Invalid(this, "must be an array");
        }

        _values = [.. value.EnumerateArray().Select(ConstantValue.From)];
        _strings = [.. _values.Where(v => v.Kind == JsonTokenKind.String).Select(v => v.Utf8String!)];
        // Compact, whatever the schema's layout: an indented enum (as in the meta-schemas) would make a message span lines.
        var listing = Compact(value);
        _listing = listing.Length <= 200 ? listing : listing[..200] + "...";
    }

    public override int Order => KeywordOrder.Value;

    private static string Compact(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static Keyword Create(SchemaNode owner, string name, JsonElement value) => new EnumKeyword(owner, name, value);

    public override bool Evaluate(ref EvaluationContext ctx, int token)
    {
        ref var t = ref ctx.Tape[token];
        if (t.Kind == JsonTokenKind.String && !t.Escaped)
        {
            // The common case: an unescaped string against the string members, compared as raw UTF-8.
            var raw = ctx.Json.Slice(t.Start, t.Length);
            foreach (var candidate in _strings)
            {
                if (candidate.Length == raw.Length && raw.SequenceEqual(candidate))
                {
                    return true;
                }
            }

            return ctx.Collect && ctx.Fail(this, token, _message ??= $"The value must be one of {_listing}.");
        }

        foreach (var value in _values)
        {
            if (value.Matches(ctx.Json, ctx.Tape, token))
            {
                return true;
            }
        }

        return ctx.Collect && ctx.Fail(this, token, _message ??= $"The value must be one of {_listing}.");
    }
}
