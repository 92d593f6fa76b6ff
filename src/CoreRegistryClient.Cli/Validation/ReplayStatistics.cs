using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Cli.Validation;

/// <summary>Counts of a replay: payloads rejected, and per failing keyword and instance location how many payloads
/// it rejected (each payload counted once per key). Array indices in locations fold into <c>*</c> so that
/// <c>/bars/3/close</c> and <c>/bars/7/close</c> are one line.</summary>
internal sealed class ReplayStatistics
{
    private readonly Dictionary<string, int> _keywords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _locations = new(StringComparer.Ordinal);

    public int Total { get; private set; }

    public int Rejected { get; private set; }

    public double RejectRatePercent => Total == 0 ? 0 : Math.Round(100.0 * Rejected / Total, 2);

    public void Add(ValidationResult result)
    {
        Total++;
        if (result.IsValid)
        {
            return;
        }

        Rejected++;
        if (result.InputError != InputErrorKind.None)
        {
            Increment(_keywords, $"(unreadable: {result.InputError})");
            return;
        }

        foreach (var keyword in result.Errors.Select(e => e.Keyword).Distinct(StringComparer.Ordinal))
        {
            Increment(_keywords, keyword);
        }

        foreach (var location in result.Errors.Select(e => FoldIndices(e.InstanceLocation)).Distinct(StringComparer.Ordinal))
        {
            Increment(_locations, location);
        }
    }

    public IEnumerable<KeyValuePair<string, int>> TopKeywords(int count) => TopOf(_keywords, count);

    public IEnumerable<KeyValuePair<string, int>> TopLocations(int count) => TopOf(_locations, count);

    internal static string FoldIndices(string pointer) =>
        string.Join('/', pointer.Split('/').Select(token => token.Length > 0 && token.All(char.IsAsciiDigit) ? "*" : token));

    private static IEnumerable<KeyValuePair<string, int>> TopOf(Dictionary<string, int> counts, int count) =>
        counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(count);

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
