using System.Globalization;

namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>ECMA-262 pattern translation: quantifiers: <c>* + ? {n,m}</c> and their bounds.</summary>
internal sealed partial class EcmaPatternTranslator
{
    /// <summary>Reads an optional quantifier and returns its bounds (1, 1 when there is none).</summary>
    private (int Min, int Max) ParseQuantifier()
    {
        var c = Peek(0);
        (int Min, int Max) bounds;
        if (c is '*' or '+' or '?')
        {
            _position++;
            _output.Append(c);
            bounds = c switch { '*' => (0, int.MaxValue), '+' => (1, int.MaxValue), _ => (0, 1) };
        }
        else if (c == '{')
        {
            if (!TryReadBraceQuantifier(out var min, out var max))
            {
                Fail("incomplete quantifier");
            }

            if (max is { Length: > 0 } && CompareNumbers(min, max) > 0)
            {
                Fail("numbers out of order in quantifier");
            }

            if (!int.TryParse(min, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
                || (max is { Length: > 0 } && !int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                _unsupported ??= "a quantifier bound above 2147483647";
            }

            _output.Append('{').Append(low.ToString(CultureInfo.InvariantCulture));
            bounds = (low, low);
            if (max is not null)
            {
                _output.Append(',');
                bounds = (low, int.MaxValue);
                if (max.Length > 0 && int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var high))
                {
                    _output.Append(high.ToString(CultureInfo.InvariantCulture));
                    bounds = (low, high);
                }
            }

            _output.Append('}');
        }
        else
        {
            return (1, 1);
        }

        if (Peek(0) == '?')
        {
            _position++;
            _output.Append('?');
        }

        return bounds;
    }

    /// <summary>Reads <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c>; <paramref name="max"/> is empty for <c>{n,}</c> and
    /// null for <c>{n}</c>.</summary>
    private bool TryReadBraceQuantifier(out string min, out string? max, bool advance = true)
    {
        min = "";
        max = null;
        var i = _position + 1;
        var start = i;
        while (i < _source.Length && char.IsAsciiDigit(_source[i]))
        {
            i++;
        }

        if (i == start || i >= _source.Length)
        {
            return false;
        }

        min = _source[start..i];
        if (_source[i] == ',')
        {
            i++;
            start = i;
            while (i < _source.Length && char.IsAsciiDigit(_source[i]))
            {
                i++;
            }

            max = _source[start..i];
        }

        if (i >= _source.Length || _source[i] != '}')
        {
            return false;
        }

        if (advance)
        {
            _position = i + 1;
        }

        return true;
    }

    private static int CompareNumbers(string a, string b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
    }
}
