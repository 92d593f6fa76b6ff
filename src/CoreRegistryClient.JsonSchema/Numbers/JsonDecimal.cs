using System.Numerics;

namespace CoreRegistryClient.JsonSchema.Numbers;

/// <summary>A JSON number held exactly as <c>±Mantissa × 10^Exponent</c> with up to 19 significant digits, the
/// allocation-free fast path for numeric keywords (double would make <c>multipleOf: 0.1</c> inexact).</summary>
internal readonly struct JsonDecimal
{
    private const int ExponentLimit = 100_000_000;

    public JsonDecimal(bool negative, ulong mantissa, int exponent)
    {
        // Normalised: no trailing zeros in the mantissa, zero is never negative.
        while (mantissa != 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }

        Negative = negative && mantissa != 0;
        Mantissa = mantissa;
        Exponent = mantissa == 0 ? 0 : exponent;
    }

    public bool Negative { get; }

    public ulong Mantissa { get; }

    public int Exponent { get; }

    public bool IsZero => Mantissa == 0;

    public bool IsInteger => Mantissa == 0 || Exponent >= 0;

    /// <summary>Parses JSON number bytes; false when more than 19 significant digits would be needed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> raw, out JsonDecimal value)
    {
        value = default;
        var i = 0;
        var negative = false;
        if (i < raw.Length && raw[i] == '-')
        {
            negative = true;
            i++;
        }

        ulong mantissa = 0;
        var digits = 0;
        var exponent = 0;
        var pendingZeros = 0;
        var fraction = false;
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

            var d = (uint)(c - '0');
            if (d > 9)
            {
                return false;
            }

            if (fraction)
            {
                exponent--;
            }

            if (d == 0)
            {
                if (digits > 0)
                {
                    pendingZeros++;
                }

                continue;
            }

            // Trailing zeros are only materialised once a nonzero digit follows them.
            if (digits + pendingZeros + 1 > 19)
            {
                return false;
            }

            for (; pendingZeros > 0; pendingZeros--)
            {
                mantissa *= 10;
                digits++;
            }

            mantissa = (mantissa * 10) + d;
            digits++;
        }

        exponent += pendingZeros;
        if (i < raw.Length)
        {
            i++;
            var expNegative = false;
            if (i < raw.Length && (raw[i] == '-' || raw[i] == '+'))
            {
                expNegative = raw[i] == '-';
                i++;
            }

            var e = 0;
            for (; i < raw.Length; i++)
            {
                var d = raw[i] - '0';
                if ((uint)d > 9)
                {
                    return false;
                }

                e = (e * 10) + d;
                if (e > ExponentLimit)
                {
                    return false; // absurd exponents take the arbitrary-precision path
                }
            }

            exponent += expNegative ? -e : e;
        }

        value = new JsonDecimal(negative, mantissa, exponent);
        return true;
    }

    /// <summary>Exact three-way comparison.</summary>
    public static int Compare(in JsonDecimal a, in JsonDecimal b)
    {
        if (a.Negative != b.Negative)
        {
            return a.Negative ? -1 : 1;
        }

        var magnitude = CompareMagnitude(a, b);
        return a.Negative ? -magnitude : magnitude;
    }

    /// <summary>Whether <paramref name="value"/> is an integer multiple of <paramref name="divisor"/> (nonzero), exactly.</summary>
    public static bool IsMultipleOf(in JsonDecimal value, in JsonDecimal divisor)
    {
        if (value.Mantissa == 0)
        {
            return true;
        }

        var shift = (long)value.Exponent - divisor.Exponent;
        if (shift >= 0)
        {
            // value/divisor = (mv × 10^shift) / md: integral iff md divides mv × 10^shift.
            var md = divisor.Mantissa;
            var r = (UInt128)(value.Mantissa % md) * PowMod10(shift, md) % md;
            return r == 0;
        }

        // Need mv divisible by md × 10^-shift; beyond 19 digits that exceeds any 64-bit mantissa.
        if (-shift > 19)
        {
            return false;
        }

        var scaled = (UInt128)divisor.Mantissa * Pow10((int)-shift);
        return scaled <= value.Mantissa && value.Mantissa % scaled == 0;
    }

    private static int CompareMagnitude(in JsonDecimal a, in JsonDecimal b)
    {
        if (a.Mantissa == 0 || b.Mantissa == 0)
        {
            return a.Mantissa == 0 ? (b.Mantissa == 0 ? 0 : -1) : 1;
        }

        // Order of magnitude first: digits + exponent.
        var orderA = (long)DigitCount(a.Mantissa) + a.Exponent;
        var orderB = (long)DigitCount(b.Mantissa) + b.Exponent;
        if (orderA != orderB)
        {
            return orderA < orderB ? -1 : 1;
        }

        // Same order: exponents differ by at most 18, so scaling fits in 128 bits.
        UInt128 ma = a.Mantissa;
        UInt128 mb = b.Mantissa;
        if (a.Exponent > b.Exponent)
        {
            ma *= Pow10(a.Exponent - b.Exponent);
        }
        else if (b.Exponent > a.Exponent)
        {
            mb *= Pow10(b.Exponent - a.Exponent);
        }

        return ma.CompareTo(mb);
    }

    /// <summary>Decimal digits of a nonzero mantissa, from its bit length (no division loop: this runs for every
    /// number compared with a non-integer bound).</summary>
    private static int DigitCount(ulong v)
    {
        var t = ((BitOperations.Log2(v) + 1) * 1233) >> 12; // bits × log10(2): the count, or one short
        return t + (v >= s_powersOf10[t] ? 1 : 0);
    }

    /// <summary>10^n for n ≤ 19 (callers never need more: 19 digits is the mantissa's limit).</summary>
    private static UInt128 Pow10(int n) => s_powersOf10[n];

    private static readonly ulong[] s_powersOf10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    private static UInt128 PowMod10(long exponent, ulong modulus)
    {
        UInt128 result = 1 % (UInt128)modulus;
        UInt128 b = 10 % (UInt128)modulus;
        while (exponent > 0)
        {
            if ((exponent & 1) != 0)
            {
                result = result * b % modulus;
            }

            b = b * b % modulus;
            exponent >>= 1;
        }

        return result;
    }
}
