using System.Globalization;

namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>Code point sets for Unicode properties: General_Category from the BCL's Unicode data, and the binary
/// properties and scripts whose members are small enough to carry here.</summary>
internal static class UnicodeProperties
{
    private static readonly Lazy<CodePointSet[]> s_categorySets = new(BuildCategorySets);

    /// <summary>White_Space.</summary>
    public static CodePointSet WhiteSpace { get; } = CodePointSet.FromRanges(
    [
        (0x0009, 0x000D), (0x0020, 0x0020), (0x0085, 0x0085), (0x00A0, 0x00A0), (0x1680, 0x1680), (0x2000, 0x200A),
        (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
    ]);

    /// <summary>Default_Ignorable_Code_Point.</summary>
    public static CodePointSet DefaultIgnorable { get; } = CodePointSet.FromRanges(
    [
        (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
        (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
        (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
    ]);

    /// <summary>Noncharacter_Code_Point.</summary>
    public static CodePointSet Noncharacters { get; } = BuildNoncharacters();

    /// <summary>The code points of one general category.</summary>
    public static CodePointSet Category(UnicodeCategory category) => s_categorySets.Value[(int)category];

    /// <summary>The set for a lone property name or General_Category value; <paramref name="unsupported"/> is set
    /// (and the result null) for an ECMA-262 binary property this engine carries no data for.</summary>
    public static CodePointSet? ResolveLone(string name, out string? unsupported)
    {
        unsupported = null;
        if (UnicodePropertyNames.GeneralCategories.TryGetValue(name, out var categories))
        {
            return Union(categories);
        }

        CodePointSet? set = name switch
        {
            "Any" => CodePointSet.All,
            "ASCII" => CodePointSet.Range(0, 0x7F),
            "Assigned" => Category(UnicodeCategory.OtherNotAssigned).Complement(),
            "ASCII_Hex_Digit" or "AHex" => CodePointSet.FromRanges([('0', '9'), ('A', 'F'), ('a', 'f')]),
            "Hex_Digit" or "Hex" => CodePointSet.FromRanges([('0', '9'), ('A', 'F'), ('a', 'f'), (0xFF10, 0xFF19), (0xFF21, 0xFF26), (0xFF41, 0xFF46)]),
            "White_Space" or "space" => WhiteSpace,
            "Default_Ignorable_Code_Point" or "DI" => DefaultIgnorable,
            "Noncharacter_Code_Point" or "NChar" => Noncharacters,
            "Join_Control" or "Join_C" => CodePointSet.Range(0x200C, 0x200D),
            "Regional_Indicator" or "RI" => CodePointSet.Range(0x1F1E6, 0x1F1FF),
            "Variation_Selector" or "VS" => CodePointSet.FromRanges([(0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF)]),
            "Bidi_Control" or "Bidi_C" => CodePointSet.FromRanges([(0x061C, 0x061C), (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069)]),
            "Pattern_White_Space" or "Pat_WS" => CodePointSet.FromRanges([(0x0009, 0x000D), (0x0020, 0x0020), (0x0085, 0x0085), (0x200E, 0x200F), (0x2028, 0x2029)]),
            _ => null,
        };
        if (set is null)
        {
            unsupported = $"the Unicode property '{name}' has no data in .NET";
        }

        return set;
    }

    /// <summary>The set for <c>name=value</c> (General_Category or Script); <paramref name="unsupported"/> is set for
    /// a valid ECMA-262 script this engine carries no data for, and for Script_Extensions.</summary>
    public static CodePointSet? ResolvePair(string name, string value, out string? unsupported)
    {
        unsupported = null;
        switch (name)
        {
            case "General_Category" or "gc":
                return Union(UnicodePropertyNames.GeneralCategories[value]);
            case "Script" or "sc":
                var script = UnicodeScripts.Get(value);
                if (script is null)
                {
                    unsupported = $"the script '{value}' has no data in .NET";
                }

                return script;
            default:
                unsupported = $"'{name}' (script extensions) has no data in .NET";
                return null;
        }
    }

    private static CodePointSet Union(UnicodeCategory[] categories)
    {
        var set = CodePointSet.Empty;
        foreach (var category in categories)
        {
            set = set.Union(Category(category));
        }

        return set;
    }

    private static CodePointSet[] BuildCategorySets()
    {
        var lists = new List<(int Start, int End)>[30];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }

        var runStart = 0;
        var runCategory = CharUnicodeInfo.GetUnicodeCategory(0);
        for (var cp = 1; cp <= CodePointSet.MaxCodePoint + 1; cp++)
        {
            var category = cp <= CodePointSet.MaxCodePoint ? CharUnicodeInfo.GetUnicodeCategory(cp) : (UnicodeCategory)(-1);
            if (category != runCategory)
            {
                lists[(int)runCategory].Add((runStart, cp - 1));
                runStart = cp;
                runCategory = category;
            }
        }

        var sets = new CodePointSet[lists.Length];
        for (var i = 0; i < lists.Length; i++)
        {
            sets[i] = CodePointSet.FromRanges(lists[i]);
        }

        return sets;
    }

    private static CodePointSet BuildNoncharacters()
    {
        var ranges = new List<(int Start, int End)> { (0xFDD0, 0xFDEF) };
        for (var plane = 0; plane <= 0x10; plane++)
        {
            ranges.Add(((plane << 16) | 0xFFFE, (plane << 16) | 0xFFFF));
        }

        return CodePointSet.FromRanges(ranges);
    }
}
