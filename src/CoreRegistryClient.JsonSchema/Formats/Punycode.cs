using System.Text;

namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>RFC 3492 Punycode, as IDNA uses it for the part of an A-label after <c>xn--</c>.</summary>
internal static class Punycode
{
    private const int Base = 36;
    private const int TMin = 1;
    private const int TMax = 26;
    private const int Skew = 38;
    private const int Damp = 700;
    private const int InitialBias = 72;
    private const int InitialN = 128;

    /// <summary>Decodes <paramref name="input"/> into code points; false when it is not well-formed Punycode.</summary>
    public static bool TryDecode(ReadOnlySpan<char> input, List<int> output)
    {
        output.Clear();
        var delimiter = input.LastIndexOf('-');
        if (delimiter > 0)
        {
            foreach (var c in input[..delimiter])
            {
                if (c >= 0x80)
                {
                    return false;
                }

                output.Add(c);
            }
        }

        int n = InitialN, i = 0, bias = InitialBias;
        for (var position = delimiter > 0 ? delimiter + 1 : 0; position < input.Length;)
        {
            var oldI = i;
            var weight = 1;
            for (var k = Base; ; k += Base)
            {
                if (position >= input.Length)
                {
                    return false;
                }

                var digit = DigitValue(input[position++]);
                if (digit < 0 || digit > (int.MaxValue - i) / weight)
                {
                    return false;
                }

                i += digit * weight;
                var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                if (digit < t)
                {
                    break;
                }

                if (weight > int.MaxValue / (Base - t))
                {
                    return false;
                }

                weight *= Base - t;
            }

            var count = output.Count + 1;
            bias = Adapt(i - oldI, count, oldI == 0);
            if (i / count > int.MaxValue - n)
            {
                return false;
            }

            n += i / count;
            i %= count;
            if (n > 0x10FFFF || n is >= 0xD800 and <= 0xDFFF)
            {
                return false;
            }

            output.Insert(i, n);
            i++;
        }

        return true;
    }

    /// <summary>Encodes code points as Punycode (without the <c>xn--</c> prefix).</summary>
    public static string Encode(IReadOnlyList<int> input)
    {
        var output = new StringBuilder();
        foreach (var cp in input)
        {
            if (cp < 0x80)
            {
                output.Append((char)cp);
            }
        }

        var basicCount = output.Length;
        var handled = basicCount;
        if (basicCount > 0)
        {
            output.Append('-');
        }

        int n = InitialN, delta = 0, bias = InitialBias;
        while (handled < input.Count)
        {
            var m = int.MaxValue;
            foreach (var cp in input)
            {
                if (cp >= n && cp < m)
                {
                    m = cp;
                }
            }

            delta += (m - n) * (handled + 1);
            n = m;
            foreach (var cp in input)
            {
                if (cp < n)
                {
                    delta++;
                }

                if (cp != n)
                {
                    continue;
                }

                var q = delta;
                for (var k = Base; ; k += Base)
                {
                    var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                    if (q < t)
                    {
                        break;
                    }

                    output.Append(DigitChar(t + ((q - t) % (Base - t))));
                    q = (q - t) / (Base - t);
                }

                output.Append(DigitChar(q));
                bias = Adapt(delta, handled + 1, handled == basicCount);
                delta = 0;
                handled++;
            }

            delta++;
            n++;
        }

        return output.ToString();
    }

    private static int Adapt(int delta, int count, bool first)
    {
        delta = first ? delta / Damp : delta / 2;
        delta += delta / count;
        var k = 0;
        while (delta > ((Base - TMin) * TMax) / 2)
        {
            delta /= Base - TMin;
            k += Base;
        }

        return k + (((Base - TMin + 1) * delta) / (delta + Skew));
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0' + 26,
        >= 'a' and <= 'z' => c - 'a',
        >= 'A' and <= 'Z' => c - 'A',
        _ => -1,
    };

    private static char DigitChar(int digit) => (char)(digit < 26 ? 'a' + digit : '0' + digit - 26);
}
