using System.Collections.Frozen;
using System.Globalization;

namespace CoreRegistryClient.JsonSchema.Patterns;

/// <summary>The property names and values ECMA-262 accepts in <c>\p{...}</c> (its tables of General_Category
/// values, binary properties and Script values), so that pattern validity does not depend on what .NET can match.</summary>
internal static class UnicodePropertyNames
{
    /// <summary>Each General_Category value and alias, mapped to the categories it stands for.</summary>
    public static FrozenDictionary<string, UnicodeCategory[]> GeneralCategories { get; } = BuildGeneralCategories();

    /// <summary>Every binary property name and alias ECMA-262 lists.</summary>
    public static FrozenSet<string> BinaryProperties { get; } = new[]
    {
        "ASCII", "ASCII_Hex_Digit", "AHex", "Alphabetic", "Alpha", "Any", "Assigned", "Bidi_Control", "Bidi_C",
        "Bidi_Mirrored", "Bidi_M", "Case_Ignorable", "CI", "Cased", "Changes_When_Casefolded", "CWCF",
        "Changes_When_Casemapped", "CWCM", "Changes_When_Lowercased", "CWL", "Changes_When_NFKC_Casefolded", "CWKCF",
        "Changes_When_Titlecased", "CWT", "Changes_When_Uppercased", "CWU", "Dash", "Default_Ignorable_Code_Point", "DI",
        "Deprecated", "Dep", "Diacritic", "Dia", "Emoji", "Emoji_Component", "EComp", "Emoji_Modifier", "EMod",
        "Emoji_Modifier_Base", "EBase", "Emoji_Presentation", "EPres", "Extended_Pictographic", "ExtPict", "Extender",
        "Ext", "Grapheme_Base", "Gr_Base", "Grapheme_Extend", "Gr_Ext", "Hex_Digit", "Hex", "IDS_Binary_Operator",
        "IDSB", "IDS_Trinary_Operator", "IDST", "ID_Continue", "IDC", "ID_Start", "IDS", "Ideographic", "Ideo",
        "Join_Control", "Join_C", "Logical_Order_Exception", "LOE", "Lowercase", "Lower", "Math",
        "Noncharacter_Code_Point", "NChar", "Pattern_Syntax", "Pat_Syn", "Pattern_White_Space", "Pat_WS",
        "Quotation_Mark", "QMark", "Radical", "Regional_Indicator", "RI", "Sentence_Terminal", "STerm", "Soft_Dotted",
        "SD", "Terminal_Punctuation", "Term", "Unified_Ideograph", "UIdeo", "Uppercase", "Upper", "Variation_Selector",
        "VS", "White_Space", "space", "XID_Continue", "XIDC", "XID_Start", "XIDS",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every Script value (long names and four-letter codes) of recent Unicode versions.</summary>
    public static FrozenSet<string> Scripts { get; } = BuildScripts();

    private static FrozenDictionary<string, UnicodeCategory[]> BuildGeneralCategories()
    {
        UnicodeCategory[] letters = [UnicodeCategory.UppercaseLetter, UnicodeCategory.LowercaseLetter, UnicodeCategory.TitlecaseLetter, UnicodeCategory.ModifierLetter, UnicodeCategory.OtherLetter];
        UnicodeCategory[] cased = [UnicodeCategory.UppercaseLetter, UnicodeCategory.LowercaseLetter, UnicodeCategory.TitlecaseLetter];
        UnicodeCategory[] marks = [UnicodeCategory.NonSpacingMark, UnicodeCategory.SpacingCombiningMark, UnicodeCategory.EnclosingMark];
        UnicodeCategory[] numbers = [UnicodeCategory.DecimalDigitNumber, UnicodeCategory.LetterNumber, UnicodeCategory.OtherNumber];
        UnicodeCategory[] punctuation =
        [
            UnicodeCategory.ConnectorPunctuation, UnicodeCategory.DashPunctuation, UnicodeCategory.OpenPunctuation,
            UnicodeCategory.ClosePunctuation, UnicodeCategory.InitialQuotePunctuation, UnicodeCategory.FinalQuotePunctuation,
            UnicodeCategory.OtherPunctuation,
        ];
        UnicodeCategory[] symbols = [UnicodeCategory.MathSymbol, UnicodeCategory.CurrencySymbol, UnicodeCategory.ModifierSymbol, UnicodeCategory.OtherSymbol];
        UnicodeCategory[] separators = [UnicodeCategory.SpaceSeparator, UnicodeCategory.LineSeparator, UnicodeCategory.ParagraphSeparator];
        UnicodeCategory[] other = [UnicodeCategory.Control, UnicodeCategory.Format, UnicodeCategory.Surrogate, UnicodeCategory.PrivateUse, UnicodeCategory.OtherNotAssigned];

        var map = new Dictionary<string, UnicodeCategory[]>(StringComparer.Ordinal);
        void Add(UnicodeCategory[] categories, params string[] names)
        {
            foreach (var name in names)
            {
                map.Add(name, categories);
            }
        }

        Add(cased, "Cased_Letter", "LC");
        Add([UnicodeCategory.ClosePunctuation], "Close_Punctuation", "Pe");
        Add([UnicodeCategory.ConnectorPunctuation], "Connector_Punctuation", "Pc");
        Add([UnicodeCategory.Control], "Control", "Cc", "cntrl");
        Add([UnicodeCategory.CurrencySymbol], "Currency_Symbol", "Sc");
        Add([UnicodeCategory.DashPunctuation], "Dash_Punctuation", "Pd");
        Add([UnicodeCategory.DecimalDigitNumber], "Decimal_Number", "Nd", "digit");
        Add([UnicodeCategory.EnclosingMark], "Enclosing_Mark", "Me");
        Add([UnicodeCategory.FinalQuotePunctuation], "Final_Punctuation", "Pf");
        Add([UnicodeCategory.Format], "Format", "Cf");
        Add([UnicodeCategory.InitialQuotePunctuation], "Initial_Punctuation", "Pi");
        Add(letters, "Letter", "L");
        Add([UnicodeCategory.LetterNumber], "Letter_Number", "Nl");
        Add([UnicodeCategory.LineSeparator], "Line_Separator", "Zl");
        Add([UnicodeCategory.LowercaseLetter], "Lowercase_Letter", "Ll");
        Add(marks, "Mark", "M", "Combining_Mark");
        Add([UnicodeCategory.MathSymbol], "Math_Symbol", "Sm");
        Add([UnicodeCategory.ModifierLetter], "Modifier_Letter", "Lm");
        Add([UnicodeCategory.ModifierSymbol], "Modifier_Symbol", "Sk");
        Add([UnicodeCategory.NonSpacingMark], "Nonspacing_Mark", "Mn");
        Add(numbers, "Number", "N");
        Add([UnicodeCategory.OpenPunctuation], "Open_Punctuation", "Ps");
        Add(other, "Other", "C");
        Add([UnicodeCategory.OtherLetter], "Other_Letter", "Lo");
        Add([UnicodeCategory.OtherNumber], "Other_Number", "No");
        Add([UnicodeCategory.OtherPunctuation], "Other_Punctuation", "Po");
        Add([UnicodeCategory.OtherSymbol], "Other_Symbol", "So");
        Add([UnicodeCategory.ParagraphSeparator], "Paragraph_Separator", "Zp");
        Add([UnicodeCategory.PrivateUse], "Private_Use", "Co");
        Add(punctuation, "Punctuation", "P", "punct");
        Add(separators, "Separator", "Z");
        Add([UnicodeCategory.SpaceSeparator], "Space_Separator", "Zs");
        Add([UnicodeCategory.SpacingCombiningMark], "Spacing_Mark", "Mc");
        Add([UnicodeCategory.Surrogate], "Surrogate", "Cs");
        Add(symbols, "Symbol", "S");
        Add([UnicodeCategory.TitlecaseLetter], "Titlecase_Letter", "Lt");
        Add([UnicodeCategory.OtherNotAssigned], "Unassigned", "Cn");
        Add([UnicodeCategory.UppercaseLetter], "Uppercase_Letter", "Lu");
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenSet<string> BuildScripts()
    {
        const string pairs =
            "Adlm Adlam Aghb Caucasian_Albanian Ahom Ahom Arab Arabic Armi Imperial_Aramaic Armn Armenian Avst Avestan " +
            "Bali Balinese Bamu Bamum Bass Bassa_Vah Batk Batak Beng Bengali Bhks Bhaiksuki Bopo Bopomofo Brah Brahmi " +
            "Brai Braille Bugi Buginese Buhd Buhid Cakm Chakma Cans Canadian_Aboriginal Cari Carian Cham Cham " +
            "Cher Cherokee Chrs Chorasmian Copt Coptic Qaac Coptic Cpmn Cypro_Minoan Cprt Cypriot Cyrl Cyrillic " +
            "Deva Devanagari Diak Dives_Akuru Dogr Dogra Dsrt Deseret Dupl Duployan Egyp Egyptian_Hieroglyphs " +
            "Elba Elbasan Elym Elymaic Ethi Ethiopic Gara Garay Geor Georgian Glag Glagolitic Gong Gunjala_Gondi " +
            "Gonm Masaram_Gondi Goth Gothic Gran Grantha Grek Greek Gujr Gujarati Gukh Gurung_Khema Guru Gurmukhi " +
            "Hang Hangul Hani Han Hano Hanunoo Hatr Hatran Hebr Hebrew Hira Hiragana Hluw Anatolian_Hieroglyphs " +
            "Hmng Pahawh_Hmong Hmnp Nyiakeng_Puachue_Hmong Hrkt Katakana_Or_Hiragana Hung Old_Hungarian Ital Old_Italic " +
            "Java Javanese Kali Kayah_Li Kana Katakana Kawi Kawi Khar Kharoshthi Khmr Khmer Khoj Khojki " +
            "Kits Khitan_Small_Script Knda Kannada Krai Kirat_Rai Kthi Kaithi Lana Tai_Tham Laoo Lao Latn Latin " +
            "Lepc Lepcha Limb Limbu Lina Linear_A Linb Linear_B Lisu Lisu Lyci Lycian Lydi Lydian Mahj Mahajani " +
            "Maka Makasar Mand Mandaic Mani Manichaean Marc Marchen Medf Medefaidrin Mend Mende_Kikakui " +
            "Merc Meroitic_Cursive Mero Meroitic_Hieroglyphs Mlym Malayalam Modi Modi Mong Mongolian Mroo Mro " +
            "Mtei Meetei_Mayek Mult Multani Mymr Myanmar Nagm Nag_Mundari Nand Nandinagari Narb Old_North_Arabian " +
            "Nbat Nabataean Newa Newa Nkoo Nko Nshu Nushu Ogam Ogham Olck Ol_Chiki Onao Ol_Onal Orkh Old_Turkic " +
            "Orya Oriya Osge Osage Osma Osmanya Ougr Old_Uyghur Palm Palmyrene Pauc Pau_Cin_Hau Perm Old_Permic " +
            "Phag Phags_Pa Phli Inscriptional_Pahlavi Phlp Psalter_Pahlavi Phnx Phoenician Plrd Miao " +
            "Prti Inscriptional_Parthian Rjng Rejang Rohg Hanifi_Rohingya Runr Runic Samr Samaritan " +
            "Sarb Old_South_Arabian Saur Saurashtra Sgnw SignWriting Shaw Shavian Shrd Sharada Sidd Siddham " +
            "Sind Khudawadi Sinh Sinhala Sogd Sogdian Sogo Old_Sogdian Sora Sora_Sompeng Soyo Soyombo Sund Sundanese " +
            "Sunu Sunuwar Sylo Syloti_Nagri Syrc Syriac Tagb Tagbanwa Takr Takri Tale Tai_Le Talu New_Tai_Lue " +
            "Taml Tamil Tang Tangut Tavt Tai_Viet Telu Telugu Tfng Tifinagh Tglg Tagalog Thaa Thaana Thai Thai " +
            "Tibt Tibetan Tirh Tirhuta Tnsa Tangsa Todr Todhri Toto Toto Tutg Tulu_Tigalari Ugar Ugaritic Vaii Vai " +
            "Vith Vithkuqi Wara Warang_Citi Wcho Wancho Xpeo Old_Persian Xsux Cuneiform Yezi Yezidi Yiii Yi " +
            "Zanb Zanabazar_Square Zinh Inherited Qaai Inherited Zyyy Common Zzzz Unknown";
        return pairs.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
    }
}
