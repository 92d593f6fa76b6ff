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

        if (k <= n && n <= 21)
        {
            digits.CopyTo(destination[pos..]);
            pos += k;
            destination.Slice(pos, n - k).Fill((byte)'0');
            pos += n - k;
        }
        else if (0 < n && n <= 21)
        {
            digits[..n].CopyTo(destination[pos..]);
            pos += n;
            destination[pos++] = (byte)'.';
            digits[n..].CopyTo(destination[pos..]);
            pos += k - n;
        }
        else if (-6 < n && n <= 0)
        {
            destination[pos++] = (byte)'0';
            destination[pos++] = (byte)'.';
            destination.Slice(pos, -n).Fill((byte)'0');
            pos += -n;
            digits.CopyTo(destination[pos..]);
            pos += k;
        }
        else
        {
            destination[pos++] = digits[0];
            if (k > 1)
            {
                destination[pos++] = (byte)'.';
                digits[1..].CopyTo(destination[pos..]);
                pos += k - 1;
            }

            destination[pos++] = (byte)'e';
            var exponent = n - 1;
            destination[pos++] = exponent < 0 ? (byte)'-' : (byte)'+';
            pos += WriteInteger(Math.Abs(exponent), destination[pos..], minDigits: 1);
        }

        return pos;
    }

    /// <summary>Writes a non-negative integer with at least <paramref name="minDigits"/> digits.</summary>
    internal static int WriteInteger(int value, Span<byte> destination, int minDigits)
    {
        Span<byte> reversed = stackalloc byte[10];
        var count = 0;
        do
        {
            reversed[count++] = (byte)('0' + (value % 10));
            value /= 10;
        }
        while (value > 0 || count < minDigits);

        for (var i = 0; i < count; i++)
        {
            destination[i] = reversed[count - 1 - i];
        }

        return count;
    }
}
