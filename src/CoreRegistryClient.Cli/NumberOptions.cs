using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace CoreRegistryClient.Cli;

/// <summary>Numeric options whose parse errors read as a sentence about the option ("--timeout expects a number of
/// seconds, not 'abc'."), never as a .NET type name. Every numeric option of the tool is made here.</summary>
internal static class NumberOptions
{
    /// <summary>An optional decimal number (invariant culture: <c>2.5</c>).</summary>
    public static Option<double?> Decimal(string name, string expects) => new(name)
    {
        CustomParser = result => Parse<double>(result, name, expects, text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : (double?)null),
    };

    /// <summary>A whole number with a default.</summary>
    public static Option<int> Whole(string name, string expects, int defaultValue) => new(name)
    {
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse<int>(result, name, expects, text =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (int?)null) ?? defaultValue,
    };

    private static T? Parse<T>(ArgumentResult result, string name, string expects, Func<string, T?> parse)
        where T : struct
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (parse(text) is { } value)
        {
            return value;
        }

        result.AddError($"{name} expects {expects}, not '{text}'.");
        return null;
    }
}
