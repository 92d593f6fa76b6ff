namespace CoreRegistryClient.JsonSchema.Numbers;

/// <summary>An instance number shared by all the numeric keywords of a schema: parsed as a small integer up
/// front (cheap, and the common case), as a 19-digit decimal only if some keyword needs it, and then only once.</summary>
internal ref struct InstanceNumber
{
    private byte _decimalState; // 0 not parsed, 1 parsed, 2 does not fit
    private JsonDecimal _decimal;

    public InstanceNumber(ReadOnlySpan<byte> raw)
    {
        Raw = raw;
        IsSmallInteger = NumberLimit.TryParseSmallInteger(raw, out var integer);
        Integer = integer;
    }

    public readonly ReadOnlySpan<byte> Raw { get; }

    /// <summary>Whether the number is a plain integer of at most 18 digits (then <see cref="Integer"/> holds it).</summary>
    public readonly bool IsSmallInteger { get; }

    public readonly long Integer { get; }

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
}
