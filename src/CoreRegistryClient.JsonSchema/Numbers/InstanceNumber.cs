namespace CoreRegistryClient.JsonSchema.Numbers;

/// <summary>An instance number shared by all the numeric keywords of a schema. One scan, on first need, reads a number
/// written without an exponent and with at most 18 integer digits (the common case) as its integer part and the sign
/// of its fraction, which decides every comparison with an integer limit; the 19-digit decimal is parsed only if
/// some keyword still needs it, and then only once.</summary>
internal ref struct InstanceNumber
{
    private byte _plainState; // 0 not scanned, 1 plain, 2 not plain
    private bool _hasPoint;
    private long _integer;
    private int _fractionSign;
    private byte _decimalState; // 0 not parsed, 1 parsed, 2 does not fit
    private JsonDecimal _decimal;

    /// <summary>Nothing is read yet: a bound of zero needs only the sign (<see cref="NumberLimit"/>), so the scan
    /// waits for the first keyword that needs it.</summary>
    public InstanceNumber(ReadOnlySpan<byte> raw) => Raw = raw;

    public readonly ReadOnlySpan<byte> Raw { get; }

    /// <summary>Whether the number is a plain integer of at most 18 digits (then <see cref="Integer"/> holds it).</summary>
    public bool IsSmallInteger => IsPlain && !_hasPoint;

    /// <summary>Whether the number has no exponent and at most 18 integer digits: then it equals
    /// <see cref="Integer"/> plus a fraction of sign <see cref="FractionSign"/> and magnitude below one.</summary>
    public bool IsPlain
    {
        get
        {
            if (_plainState == 0)
            {
                _plainState = TryParsePlain(Raw, out _integer, out _fractionSign, out _hasPoint) ? (byte)1 : (byte)2;
            }

            return _plainState == 1;
        }
    }

    /// <summary>The integer part (truncated towards zero) of a <see cref="IsPlain"/> number.</summary>
    public readonly long Integer => _integer;

    /// <summary>0 when a <see cref="IsPlain"/> number's fraction is zero (<c>1.0</c>), else the number's sign.</summary>
    public readonly int FractionSign => _fractionSign;

    /// <summary>Compares a <see cref="IsPlain"/> number with an integer: its integer part decides unless equal, and
    /// then the fraction does (1.5 &gt; 1, -1.5 &lt; -1, 1.0 = 1).</summary>
    public readonly int CompareToInteger(long limit)
    {
        var c = _integer.CompareTo(limit);
        return c != 0 ? c : _fractionSign;
    }

    /// <summary>The number as a 19-digit decimal, if it fits.</summary>
    public bool TryGetDecimal(out JsonDecimal value)
    {
        if (_decimalState == 0)
        {
            if (IsSmallInteger)
            {
                _decimal = new JsonDecimal(Integer < 0, Integer < 0 ? (ulong)-Integer : (ulong)Integer, 0);
                _decimalState = 1;
            }
            else
            {
                _decimalState = JsonDecimal.TryParse(Raw, out _decimal) ? (byte)1 : (byte)2;
            }
        }

        value = _decimal;
        return _decimalState == 1;
    }

    /// <summary>Reads a JSON number (already checked well-formed by the tape) without an exponent and with at most 18
    /// integer digits: its integer part, the sign of its fraction (0 if every fraction digit is 0) and whether it has a
    /// decimal point.</summary>
    private static bool TryParsePlain(ReadOnlySpan<byte> raw, out long integer, out int fractionSign, out bool hasPoint)
    {
        integer = 0;
        fractionSign = 0;
        hasPoint = false;
        var negative = raw.Length > 0 && raw[0] == '-';
        var i = negative ? 1 : 0;
        var start = i;
        long value = 0;
        for (; i < raw.Length; i++)
        {
            var d = (uint)(raw[i] - '0');
            if (d > 9)
            {
                break;
            }

            if (i - start == 18)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        if (i == start)
        {
            return false;
        }

        var nonZeroFraction = false;
        if (i < raw.Length)
        {
            if (raw[i] != '.')
            {
                return false;
            }

            hasPoint = true;
            for (i++; i < raw.Length; i++)
            {
                var c = raw[i];
                if (c is (byte)'e' or (byte)'E')
                {
                    return false;
                }

                nonZeroFraction |= c != '0';
            }
        }

        integer = negative ? -value : value;
        fractionSign = nonZeroFraction ? (negative ? -1 : 1) : 0;
        return true;
    }
}
