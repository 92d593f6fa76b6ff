using System.Text;
using System.Text.Json;
using CoreRegistryClient.JsonSchema.Evaluation;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Keywords;

/// <summary><c>required</c>: every listed name is a property; one error per missing name.</summary>
internal sealed class RequiredKeyword : Keyword
{
    private readonly byte[][] _names;
    private readonly string[] _text;
    // Built on the first failure (list output only) and reused; a race only builds an equal string twice.
    private string?[]? _messages;

    private RequiredKeyword(SchemaNode owner, string name, List<string> names) : base(owner, name)
    {
        _text = [.. names];
        _names = [.. names.Select(Encoding.UTF8.GetBytes)];
    }

    public override int Order => KeywordOrder.Shape;

    public byte[][] Utf8Names => _names;

    public static Keyword? Create(SchemaNode owner, string name, JsonElement value)
    {
        var names = KeywordValues.StringArray(value, owner, name);
        return names.Count == 0 ? null : new RequiredKeyword(owner, name, names);
    }

    /// <summary>For <c>dependentRequired</c>/<c>dependencies</c>, which report under their own keyword;
    /// <paramref name="messages"/> (one per name) is created and filled as names are first found missing.</summary>
    public static bool Check(Keyword reporter, byte[][] names, string[] text, ref string?[]? messages, ref EvaluationContext ctx, int token)
    {
        var valid = true;
        for (var i = 0; i < names.Length; i++)
        {
            if (ObjectProperties.Find(ref ctx, token, names[i]) < 0)
            {
                if (!ctx.Collect)
                {
                    return false;
                }

                valid = ctx.Fail(reporter, token, MissingMessage(ref messages, text, i));
            }
        }

        return valid;
    }

    /// <summary>Reports each name whose property is absent from <paramref name="present"/>, where name i's property
    /// is bit <paramref name="bits"/>[i] (for a <c>properties</c> keyword that saw the object's names in its own pass);
    /// returns false.</summary>
    public bool ReportMissing(ref EvaluationContext ctx, int token, ulong present, byte[] bits)
    {
        if (!ctx.Collect)
        {
            return false;
        }

        for (var i = 0; i < bits.Length; i++)
        {
            if ((present & (1UL << bits[i])) == 0)
            {
                ctx.Fail(this, token, MissingMessage(ref _messages, _text, i));
            }
        }

        return false;
    }

    private static string MissingMessage(ref string?[]? messages, string[] text, int i)
    {
        messages ??= new string?[text.Length];
        return messages[i] ??= $"The required property '{text[i]}' is missing.";
    }

    public override bool Evaluate(ref EvaluationContext ctx, int token)
        => ctx.Tape[token].Kind != JsonTokenKind.Object || Check(this, _names, _text, ref _messages, ref ctx, token);
}
