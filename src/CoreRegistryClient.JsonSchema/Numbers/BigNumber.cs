using System.Numerics;

namespace CoreRegistryClient.JsonSchema.Numbers;

/// <summary>An arbitrary-precision JSON number, <c>±Digits × 10^Exponent</c> with the significant digits kept
/// as text (no leading or trailing zeros): the slow path for numbers beyond 19 significant digits. Every
/// operation is linear in the number of digits, so a hostile million-digit number costs a scan, not a
/// quadratic big-integer conversion.</summary>
internal readonly struct BigNumber
{
    /// <summary>Exponents saturate here (a JSON number would need a 16-digit exponent to reach it).</summary>
    private const long ExponentClamp = 1_000_000_000_000_000;

    private BigNumber(bool negative, string digits, long exponent)
    {
        Negative = negative && digits.Length > 0;
        Digits = digits;
        Exponent = digits.Length == 0 ? 0 : exponent;
    }

    public bool Negative { get; }

    /// <summary>The significant digits; empty for zero.</summary>
    public string Digits { get; }

    public long Exponent { get; }

    public bool IsZero => Digits.Length == 0;

    public bool IsInteger => Digits.Length == 0 || Exponent >= 0;

    public static BigNumber Parse(ReadOnlySpan<byte> raw)
    {
        var negative = raw.Length > 0 && raw[0] == '-';
        var digits = new System.Text.StringBuilder();
        long exponent = 0;
        var fraction = false;
        var i = negative ? 1 : 0;
        for (; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '.')
            {
                fraction = true;
                continue;
            }

            if (c is (byte)'e' or (byte)'E')
            {
                break;
            }

            if (fraction)
            {
                exponent--;
            }

            if (c != '0' || digits.Length > 0)
            {
                digits.Append((char)c);
            }
        }

        if (i < raw.Length)
        {
            i++;
            var expNegative = false;
            if (i < raw.Length && (raw[i] == '-' || raw[i] == '+'))
            {
                expNegative = raw[i] == '-';
                i++;
            }

            long e = 0;
            for (; i < raw.Length; i++)
            {
                if (e < ExponentClamp)
                {
                    e = (e * 10) + (raw[i] - '0');
                }
            }

            exponent += expNegative ? -e : e;
        }

        // Trailing zeros of the significand move into the exponent.
        var end = digits.Length;
        while (end > 0 && digits[end - 1] == '0')
        {
            end--;
        }

        exponent += digits.Length - end;
        return new BigNumber(negative, digits.ToString(0, end), exponent);
    }

    public static int Compare(in BigNumber a, in BigNumber b)
    {
        var sa = a.IsZero ? 0 : a.Negative ? -1 : 1;
        var sb = b.IsZero ? 0 : b.Negative ? -1 : 1;
        if (sa != sb)
        {
            return sa.CompareTo(sb);
        }

        if (sa == 0)
        {
            return 0;
        }

        var orderA = a.Digits.Length + a.Exponent;
        var orderB = b.Digits.Length + b.Exponent;
        if (orderA != orderB)
        {
            return (orderA < orderB ? -1 : 1) * sa;
        }

        // Same order of magnitude: the digit strings compare lexicographically (a missing digit is a zero).
        var n = Math.Max(a.Digits.Length, b.Digits.Length);
        for (var k = 0; k < n; k++)
        {
            var x = k < a.Digits.Length ? a.Digits[k] : '0';
            var y = k < b.Digits.Length ? b.Digits[k] : '0';
            if (x != y)
            {
                return (x < y ? -1 : 1) * sa;
            }
        }

        return 0;
    }

    /// <summary>Whether <paramref name="value"/> is an integer multiple of the (nonzero) <paramref name="divisor"/>.</summary>
    public static bool IsMultipleOf(in BigNumber value, in BigNumber divisor)
    {
        if (value.IsZero)
        {
            return true;
        }

        // value / divisor = (Dv / Dd) × 10^(Ev - Ed). Dv has no trailing zero, so a negative shift can never be
        // made up: Dv would have to be divisible by 10.
        var shift = value.Exponent - divisor.Exponent;
        if (shift < 0)
        {
            return false;
        }

        var modulus = BigInteger.Parse(divisor.Digits, System.Globalization.CultureInfo.InvariantCulture);
        var remainder = BigInteger.Zero;
        foreach (var c in value.Digits)
        {
            remainder = ((remainder * 10) + (c - '0')) % modulus;
        }

        return remainder * BigInteger.ModPow(10, shift, modulus) % modulus == 0;
    }

    public int Hash() => HashCode.Combine(Negative, string.GetHashCode(Digits, StringComparison.Ordinal), Exponent);
}
