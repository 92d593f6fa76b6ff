using System.Globalization;

namespace CoreRegistryClient.Drift;

/// <summary>The shortest decimal digits that round-trip a double, as both ECMAScript and Python define them:
/// value = 0.d1d2...dk × 10^n (the digits carry no leading or trailing zeros).</summary>
/// <remarks>.NET Core 3.0+ "R" formatting yields exactly the shortest round-trip digits (closest to the value
/// when several are as short); only the layout differs between languages, so it is re-read here.</remarks>
internal static class ShortestDecimal
{
    /// <summary>Writes the digits (ASCII) of a finite, non-zero |value| into <paramref name="digits"/> (at least 17 bytes)
    /// and returns their count; <paramref name="pointPosition"/> is the ECMAScript <c>n</c>.</summary>
    public static int GetDigits(double value, Span<byte> digits, out int pointPosition)
    {
        Span<byte> text = stackalloc byte[32];
        if (!Math.Abs(value).TryFormat(text, out var written, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A double formatted to more than 32 characters.");
        }

        text = text[..written];
        var count = 0;
        var integerDigits = -1;
        var exponent = 0;
        var i = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.')
            {
                integerDigits = count;
            }
            else if (c is (byte)'E' or (byte)'e')
            {
                exponent = int.Parse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else
            {
                digits[count++] = c;
            }
        }

        if (integerDigits < 0)
        {
            integerDigits = count;
        }

        var leadingZeros = 0;
        while (leadingZeros < count && digits[leadingZeros] == (byte)'0')
        {
            leadingZeros++;
        }

        if (leadingZeros > 0)
        {
            digits[leadingZeros..count].CopyTo(digits);
            count -= leadingZeros;
        }

        while (count > 1 && digits[count - 1] == (byte)'0')
        {
            count--;
        }

        pointPosition = integerDigits + exponent - leadingZeros;
        return count;
    }
}
