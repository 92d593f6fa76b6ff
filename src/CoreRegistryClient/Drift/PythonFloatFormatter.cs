namespace CoreRegistryClient.Drift;

/// <summary>Python's <c>float.__repr__</c> (what <c>json.dumps</c> writes for floats): shortest round-trip digits,
/// fixed notation for 1e-4 ≤ |x| &lt; 1e16 with at least one fractional digit (<c>1.0</c>), otherwise
/// <c>d.ddde±XX</c> with at least two exponent digits (<c>1e+16</c>, <c>1e-05</c>).</summary>
internal static class PythonFloatFormatter
{
    /// <summary>The longest output: sign, 17 digits, '.', "0", or "0." + 3 zeros + 17 digits, or an exponent form.</summary>
    public const int MaxLength = 32;

    /// <summary>Formats a double into <paramref name="destination"/> and returns the byte count.
    /// Non-finite values come out as Python writes them: <c>Infinity</c>, <c>-Infinity</c>, <c>NaN</c>.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        if (double.IsNaN(value))
        {
            return Write("NaN"u8, destination);
        }

        if (double.IsInfinity(value))
        {
            return Write(value > 0 ? "Infinity"u8 : "-Infinity"u8, destination);
        }

        if (value == 0)
        {
            return Write(double.IsNegative(value) ? "-0.0"u8 : "0.0"u8, destination);
        }

        var pos = 0;
        if (value < 0)
        {
            destination[pos++] = (byte)'-';
        }

        Span<byte> digits = stackalloc byte[32];
        var k = ShortestDecimal.GetDigits(value, digits, out var decimalPoint);
        digits = digits[..k];

        var layout = destination[pos..];
        if (decimalPoint <= -4 || decimalPoint > 16)
        {
            return pos + DecimalDigitsLayout.Scientific(digits, decimalPoint, layout, minExponentDigits: 2);
        }

        if (decimalPoint <= 0)
        {
            return pos + DecimalDigitsLayout.BelowOne(digits, decimalPoint, layout);
        }

        if (decimalPoint < k)
        {
            return pos + DecimalDigitsLayout.PointInside(digits, decimalPoint, layout);
        }

        // Python keeps one fractional digit on integral floats: 1e15 is "1000000000000000.0".
        pos += DecimalDigitsLayout.Integer(digits, decimalPoint, layout);
        destination[pos++] = (byte)'.';
        destination[pos++] = (byte)'0';
        return pos;
    }

    private static int Write(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
