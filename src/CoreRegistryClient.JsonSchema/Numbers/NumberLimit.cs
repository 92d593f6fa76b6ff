using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Numbers;

/// <summary>A number from a schema (a bound, a divisor, a const), pre-parsed for exact comparison with instance numbers.</summary>
internal sealed class NumberLimit
{
    private readonly JsonDecimal _fast;
    private readonly bool _hasFast;
    private readonly BigNumber _big;

    public NumberLimit(ReadOnlySpan<byte> raw)
    {
        Raw = raw.ToArray();
        _hasFast = JsonDecimal.TryParse(raw, out _fast);
        _big = BigNumber.Parse(raw);
        Text = System.Text.Encoding.UTF8.GetString(raw);
    }

    public static NumberLimit From(JsonElement number) => new(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(number));

    public byte[] Raw { get; }

    /// <summary>The number as written in the schema (for messages).</summary>
    public string Text { get; }

    public bool IsZeroOrNegative => _big.Significand.Sign <= 0;

    /// <summary>Compares an instance number (raw JSON bytes) with this limit: negative when the instance is smaller.</summary>
    public int CompareInstance(ReadOnlySpan<byte> instance)
    {
        if (_hasFast && JsonDecimal.TryParse(instance, out var value))
        {
            return JsonDecimal.Compare(value, _fast);
        }

        var big = BigNumber.Parse(instance);
        return BigNumber.Compare(big, _big);
    }

    /// <summary>Whether the instance number is an integer multiple of this (positive) limit.</summary>
    public bool DividesInstance(ReadOnlySpan<byte> instance)
    {
        if (_hasFast && JsonDecimal.TryParse(instance, out var value))
        {
            return JsonDecimal.IsMultipleOf(value, _fast);
        }

        var big = BigNumber.Parse(instance);
        return BigNumber.IsMultipleOf(big, _big);
    }

    /// <summary>Whether the raw number is mathematically an integer (1.0 and 1e2 are).</summary>
    public static bool IsInteger(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
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

        var big = BigNumber.Parse(raw);
        return HashCode.Combine(big.Significand, big.Exponent);
    }
}
