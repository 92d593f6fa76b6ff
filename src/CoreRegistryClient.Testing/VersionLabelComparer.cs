using System.Globalization;

namespace CoreRegistryClient.Testing;

/// <summary>Orders version labels such as <c>1.9.0</c> &lt; <c>1.10.0</c>: dot- or dash-separated parts compare
/// numerically when both are numbers, ordinally otherwise; a label with more parts is later.</summary>
internal sealed class VersionLabelComparer : IComparer<string>
{
    public static readonly VersionLabelComparer Instance = new();

    private static readonly char[] Separators = ['.', '-', '+'];

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var left = x.Split(Separators);
        var right = y.Split(Separators);
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var order = long.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                && long.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
                    ? a.CompareTo(b)
                    : string.CompareOrdinal(left[i], right[i]);
            if (order != 0)
            {
                return order;
            }
        }

        var byLength = left.Length.CompareTo(right.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }
}
