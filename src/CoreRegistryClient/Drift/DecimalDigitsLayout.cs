namespace CoreRegistryClient.Drift;

/// <summary>Lays out the shortest round-trip digits of a double (from <see cref="ShortestDecimal"/>) in the
/// notations both canonical forms use; the ECMAScript and Python formatters differ only in when they pick which,
/// and in the minimum number of exponent digits.</summary>
internal static class DecimalDigitsLayout
{
    /// <summary><c>ddd000</c>: all digits, then zeros up to the decimal point.</summary>
    public static int Integer(ReadOnlySpan<byte> digits, int pointPosition, Span<byte> destination)
    {
        digits.CopyTo(destination);
        destination.Slice(digits.Length, pointPosition - digits.Length).Fill((byte)'0');
        return pointPosition;
    }

    /// <summary><c>dd.ddd</c>: the point falls inside the digits.</summary>
    public static int PointInside(ReadOnlySpan<byte> digits, int pointPosition, Span<byte> destination)
    {
        digits[..pointPosition].CopyTo(destination);
        destination[pointPosition] = (byte)'.';
        digits[pointPosition..].CopyTo(destination[(pointPosition + 1)..]);
        return digits.Length + 1;
    }

    /// <summary><c>0.000ddd</c>: the point falls before the digits (<paramref name="pointPosition"/> ≤ 0).</summary>
    public static int BelowOne(ReadOnlySpan<byte> digits, int pointPosition, Span<byte> destination)
    {
        destination[0] = (byte)'0';
        destination[1] = (byte)'.';
        destination.Slice(2, -pointPosition).Fill((byte)'0');
        digits.CopyTo(destination[(2 - pointPosition)..]);
        return 2 - pointPosition + digits.Length;
    }

    /// <summary><c>d.ddde±x</c>, with at least <paramref name="minExponentDigits"/> exponent digits.</summary>
    public static int Scientific(ReadOnlySpan<byte> digits, int pointPosition, Span<byte> destination, int minExponentDigits)
    {
        var pos = 0;
        destination[pos++] = digits[0];
        if (digits.Length > 1)
        {
            destination[pos++] = (byte)'.';
            digits[1..].CopyTo(destination[pos..]);
            pos += digits.Length - 1;
        }

        destination[pos++] = (byte)'e';
        var exponent = pointPosition - 1;
        destination[pos++] = exponent < 0 ? (byte)'-' : (byte)'+';
        return pos + WriteInteger(Math.Abs(exponent), destination[pos..], minExponentDigits);
    }

    /// <summary>Writes a non-negative integer with at least <paramref name="minDigits"/> digits.</summary>
    public static int WriteInteger(int value, Span<byte> destination, int minDigits)
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
