using System.Globalization;

namespace CoreRegistryClient.Redis;

/// <summary>A Redis stream entry id, <c>{milliseconds}-{sequence}</c>, ordered as Redis orders them.</summary>
internal readonly record struct StreamId(ulong Milliseconds, ulong Sequence) : IComparable<StreamId>
{
    /// <summary>Before every entry: reading after it reads the whole stream.</summary>
    public static readonly StreamId Zero = new(0, 0);

    public static StreamId Parse(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? new StreamId(ulong.Parse(id, CultureInfo.InvariantCulture), 0)
            : new StreamId(ulong.Parse(id.AsSpan(0, dash), CultureInfo.InvariantCulture), ulong.Parse(id.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }

    public int CompareTo(StreamId other) => Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);

    public static bool operator <(StreamId left, StreamId right) => left.CompareTo(right) < 0;

    public static bool operator >(StreamId left, StreamId right) => left.CompareTo(right) > 0;

    public static bool operator <=(StreamId left, StreamId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(StreamId left, StreamId right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");
}
