using System.Numerics;

namespace CoreRegistryClient.JsonSchema.Numbers;

/// <summary>An arbitrary-precision JSON number (<c>Significand × 10^Exponent</c>), the slow path for numbers with
/// more than 19 significant digits. Allocates; only reached by unusually long numbers.</summary>
internal readonly struct BigNumber
{
    private const int ExponentClamp = 1_000_000;

    private BigNumber(BigInteger significand, long exponent)
    {
        if (significand.IsZero)
        {
            exponent = 0;
        }
        else
        {
            while (significand % 10 == 0)
            {
                significand /= 10;
                exponent++;
            }
        }

        Significand = significand;
        Exponent = exponent;
    }

    public BigInteger Significand { get; }

    public long Exponent { get; }

    public bool IsInteger => Significand.IsZero || Exponent >= 0;

    public static BigNumber Parse(ReadOnlySpan<byte> raw)
    {
        var negative = raw.Length > 0 && raw[0] == '-';
        BigInteger significand = BigInteger.Zero;
        long exponent = 0;
        var i = negative ? 1 : 0;
        var fraction = false;
        ulong chunk = 0;
        var chunkDigits = 0;
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

            chunk = (chunk * 10) + (ulong)(c - '0');
            chunkDigits++;
            if (fraction)
            {
                exponent--;
            }

            if (chunkDigits == 18)
            {
                significand = (significand * BigInteger.Pow(10, 18)) + chunk;
                chunk = 0;
                chunkDigits = 0;
            }
        }

        if (chunkDigits > 0)
        {
            significand = (significand * BigInteger.Pow(10, chunkDigits)) + chunk;
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

        return new BigNumber(negative ? -significand : significand, exponent);
    }

    public static BigNumber From(in JsonDecimal value)
        => new(value.Negative ? -(BigInteger)value.Mantissa : value.Mantissa, value.Exponent);

    public static int Compare(in BigNumber a, in BigNumber b)
    {
        var sa = a.Significand.Sign;
        var sb = b.Significand.Sign;
        if (sa != sb)
        {
            return sa.CompareTo(sb);
        }

        if (sa == 0)
        {
            return 0;
        }

        var orderA = Digits(a.Significand) + a.Exponent;
        var orderB = Digits(b.Significand) + b.Exponent;
        if (orderA != orderB)
        {
            return (orderA < orderB ? -1 : 1) * sa;
        }

        var ma = BigInteger.Abs(a.Significand);
        var mb = BigInteger.Abs(b.Significand);
        if (a.Exponent > b.Exponent)
        {
            ma *= BigInteger.Pow(10, (int)(a.Exponent - b.Exponent));
        }
        else if (b.Exponent > a.Exponent)
        {
            mb *= BigInteger.Pow(10, (int)(b.Exponent - a.Exponent));
        }

        return ma.CompareTo(mb) * sa;
    }

    public static bool IsMultipleOf(in BigNumber value, in BigNumber divisor)
    {
        if (value.Significand.IsZero)
        {
            return true;
        }

        var mv = BigInteger.Abs(value.Significand);
        var md = BigInteger.Abs(divisor.Significand);
        var shift = value.Exponent - divisor.Exponent;
        if (shift >= 0)
        {
            return mv % md * BigInteger.ModPow(10, shift, md) % md == 0;
        }

        if (-shift > Digits(mv))
        {
            return false;
        }

        var scaled = md * BigInteger.Pow(10, (int)-shift);
        return mv % scaled == 0;
    }

    private static long Digits(BigInteger v) => BigInteger.Abs(v).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
}
