using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Numbers;

/// <summary>A number from a schema (a bound, a divisor, a const), pre-parsed for exact comparison with instance numbers.</summary>
internal sealed class NumberLimit
{
    private readonly JsonDecimal _fast;
    private readonly bool _hasFast;
    private readonly BigNumber _big;
    private readonly bool _isZero;
    private readonly bool _isLong;
    private readonly long _long;

    public NumberLimit(ReadOnlySpan<byte> raw)
    {
        _hasFast = JsonDecimal.TryParse(raw, out _fast);
        _big = BigNumber.Parse(raw);
        _isZero = _big.IsZero;
        if (_hasFast && _fast.IsInteger && _fast.Exponent <= 18)
        {
            var value = (Int128)_fast.Mantissa;
            for (var i = 0; i < _fast.Exponent; i++)
            {
                value *= 10;
            }

            if (value <= 999_999_999_999_999_999)
            {
                _isLong = true;
                _long = _fast.Negative ? -(long)value : (long)value;
            }
        }

        Text = System.Text.Encoding.UTF8.GetString(raw);
    }

    public static NumberLimit From(JsonElement number) => new(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(number));

    /// <summary>The number as written in the schema (for messages).</summary>
    public string Text { get; }

    public bool IsZeroOrNegative => _big.IsZero || _big.Negative;

    /// <summary>Compares a pre-parsed instance number with this limit: negative when the instance is smaller.</summary>
    /// <remarks>Inlined into the bound checks: a bound of zero (minimum: 0, exclusiveMinimum: 0) needs only the sign,
    /// which the first byte of most numbers decides, so that case costs no call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Compare(ref InstanceNumber instance)
    {
        if (_isZero)
        {
            var first = instance.Raw[0];

            // JSON allows no leading zero before other digits: a number starting with 1-9 is positive.
            return (uint)(first - '1') <= '9' - '1' ? 1 : Sign(instance.Raw);
        }

        return CompareWithNonZero(ref instance);
    }

    private int CompareWithNonZero(ref InstanceNumber instance)
    {
        // Integer limits (most other bounds) against numbers without an exponent: no decimal parse.
        if (_isLong && instance.IsPlain)
        {
            return instance.CompareToInteger(_long);
        }

        if (_hasFast && instance.TryGetDecimal(out var value))
        {
            return JsonDecimal.Compare(value, _fast);
        }

        return BigNumber.Compare(BigNumber.Parse(instance.Raw), _big);
    }

    /// <summary>Whether a pre-parsed instance number is an integer multiple of this (positive) limit.</summary>
    public bool Divides(ref InstanceNumber instance)
    {
        if (instance.IsSmallInteger && _isLong)
        {
            return instance.Integer % _long == 0;
        }

        if (_hasFast && instance.TryGetDecimal(out var value))
        {
            return JsonDecimal.IsMultipleOf(value, _fast);
        }

        return BigNumber.IsMultipleOf(BigNumber.Parse(instance.Raw), _big);
    }

    /// <summary>Whether the raw number is mathematically an integer (1.0 and 1e2 are).</summary>
    public static bool IsInteger(ReadOnlySpan<byte> raw)
    {
        if (!HasFractionOrExponent(raw))
        {
            return true;
        }

        return JsonDecimal.TryParse(raw, out var value) ? value.IsInteger : BigNumber.Parse(raw).IsInteger;
    }

    /// <summary>Whether two raw numbers are mathematically equal.</summary>
    public static bool NumbersEqual(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.SequenceEqual(b))
        {
            return true;
        }

        if (JsonDecimal.TryParse(a, out var x) && JsonDecimal.TryParse(b, out var y))
        {
            return JsonDecimal.Compare(x, y) == 0;
        }

        return BigNumber.Compare(BigNumber.Parse(a), BigNumber.Parse(b)) == 0;
    }

    /// <summary>A hash equal for mathematically equal numbers.</summary>
    public static int Hash(ReadOnlySpan<byte> raw)
    {
        if (JsonDecimal.TryParse(raw, out var x))
        {
            return HashCode.Combine(x.Negative, x.Mantissa, x.Exponent);
        }

        return BigNumber.Parse(raw).Hash();
    }

    /// <summary>The sign of a JSON number (-0 and 0.0 are zero).</summary>
    private static int Sign(ReadOnlySpan<byte> raw)
    {
        var negative = raw[0] == '-';
        foreach (var c in negative ? raw[1..] : raw)
        {
            if (c is (byte)'e' or (byte)'E')
            {
                break;
            }

            if (c is >= (byte)'1' and <= (byte)'9')
            {
                return negative ? -1 : 1;
            }
        }

        return 0;
    }

    /// <summary>Whether the number is written with a fraction or an exponent (numbers are short: a plain loop beats a vectorised search).</summary>
    public static bool HasFractionOrExponent(ReadOnlySpan<byte> raw)
    {
        foreach (var c in raw)
        {
            if (c is (byte)'.' or (byte)'e' or (byte)'E')
            {
                return true;
            }
        }

        return false;
    }
}
