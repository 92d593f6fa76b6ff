using System.Text;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>enum</c>: JSON equality with one of the listed values.</summary>
internal sealed class EnumKeyword : Keyword
{
    private readonly ConstantValue[] _values;
    private readonly byte[][] _strings;
    private readonly string _rawListing;
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
        _rawListing = value.GetRawText();
    }

    public override int Order => KeywordOrder.Value;

    private string Message => _message ??= $"The value must be one of {Listing(_rawListing)}.";

    /// <summary>The enum's text on one line, whatever the schema's layout (an indented enum, as in the meta-schemas,
    /// would make a message span lines): whitespace outside strings dropped, cut at 200 characters. Only on a failure.</summary>
    private static string Listing(string raw)
    {
        var text = new StringBuilder(Math.Min(raw.Length, 203));
        var inString = false;
        var i = 0;
        for (; i < raw.Length && text.Length < 200; i++)
        {
            var c = raw[i];
            if (inString)
            {
                text.Append(c);
                if (c == '\\' && i + 1 < raw.Length)
                {
                    text.Append(raw[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c is not (' ' or '\t' or '\n' or '\r'))
            {
                text.Append(c);
                inString = c == '"';
            }
        }

        return i < raw.Length ? text.Append("...").ToString() : text.ToString();
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

            return ctx.Collect && ctx.Fail(this, token, Message);
        }

        foreach (var value in _values)
        {
            if (value.Matches(ctx.Json, ctx.Tape, token))
            {
                return true;
            }
        }

        return ctx.Collect && ctx.Fail(this, token, Message);
    }
}
