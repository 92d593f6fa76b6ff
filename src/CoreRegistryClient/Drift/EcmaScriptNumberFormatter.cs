namespace CoreRegistryClient.Drift;

/// <summary>ECMAScript <c>Number::toString</c> (ECMA-262, as RFC 8785 requires) for finite doubles.</summary>
internal static class EcmaScriptNumberFormatter
{
    /// <summary>The longest output: sign, "0.", 5 zeros, 17 digits; or sign, 17 digits, '.', "e-324".</summary>
    public const int MaxLength = 32;

    /// <summary>Formats a finite double into <paramref name="destination"/> and returns the byte count.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        if (value == 0)
        {
            destination[0] = (byte)'0'; // -0 too: ES prints "0".
            return 1;
        }

        var pos = 0;
        if (value < 0)
        {
            destination[pos++] = (byte)'-';
        }

        Span<byte> digits = stackalloc byte[32];
        var k = ShortestDecimal.GetDigits(value, digits, out var n);
        digits = digits[..k];

        var layout = destination[pos..];
        return pos + (n switch
        {
            _ when k <= n && n <= 21 => DecimalDigitsLayout.Integer(digits, n, layout),
            > 0 and <= 21 => DecimalDigitsLayout.PointInside(digits, n, layout),
            > -6 and <= 0 => DecimalDigitsLayout.BelowOne(digits, n, layout),
            _ => DecimalDigitsLayout.Scientific(digits, n, layout, minExponentDigits: 1),
        });
    }
}
