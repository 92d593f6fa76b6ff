using System.Text.Json;
using System.Text.RegularExpressions;
using CoreRegistryClient.JsonSchema.Tests.Conformance;

namespace CoreRegistryClient.JsonSchema.Tests.Differential;

/// <summary>The disagreements with JsonSchema.Net 8.0.5 that are understood, read from <c>known-differences.json</c>
/// beside this file. Each entry has its own test (<c>KnownDifferenceTests</c>; this file is also linked into the JsonSchemaNet backend tests) that shows the difference
/// still exists: when either engine changes, the entry must be revisited.</summary>
internal static class KnownDifferences
{
    private static readonly Lazy<KnownDifference[]> s_entries = new(Load);

    public static IReadOnlyList<KnownDifference> Entries => s_entries.Value;

    /// <summary>Whether a suite case's disagreement is explained by an entry (by suite file, or file and group).</summary>
    public static bool Covers(SuiteCase test) => Entries.Any(e => e.SuiteCases.Any(pattern => Matches(pattern, test)));

    private static bool Matches(string pattern, SuiteCase test)
    {
        // "draft7/optional/format/idn-hostname" covers the file ('*' stands for any text, e.g. "*/optional/content"
        // for every draft); "... :: group description" covers one group of it.
        var parts = pattern.Split(" :: ", 2);
        var file = test.DraftDirectory + "/" + test.File;
        var glob = "^" + Regex.Escape(parts[0]).Replace(@"\*", ".*", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(file, glob) && (parts.Length == 1 || parts[1] == test.GroupDescription);
    }

    private static KnownDifference[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Differential", "known-differences.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.EnumerateArray().Select(e => new KnownDifference(
            e.GetProperty("id").GetString()!,
            e.GetProperty("reason").GetString()!,
            Enum.Parse<SchemaDraft>(e.GetProperty("draft").GetString()!),
            e.GetProperty("schema").Clone(),
            e.TryGetProperty("instanceText", out var text) ? JsonDocument.Parse(text.GetString()!).RootElement.Clone() : e.GetProperty("instance").Clone(),
            e.GetProperty("ours").GetBoolean(),
            e.GetProperty("jsonSchemaNet").ValueKind == JsonValueKind.Null ? null : e.GetProperty("jsonSchemaNet").GetBoolean(),
            e.TryGetProperty("formatAssertion", out var f) && f.GetBoolean(),
            e.TryGetProperty("contentAssertion", out var c) && c.GetBoolean(),
            e.TryGetProperty("suiteCases", out var s) ? [.. s.EnumerateArray().Select(x => x.GetString()!)] : []))];
    }
}

/// <summary>One understood disagreement: an example schema and instance, each engine's verdict, and why.</summary>
public sealed record KnownDifference(
    string Id, string Reason, SchemaDraft Draft, JsonElement Schema, JsonElement Instance, bool Ours, bool? JsonSchemaNet, bool FormatAssertion, bool ContentAssertion, string[] SuiteCases)
{
    public override string ToString() => Id;
}
