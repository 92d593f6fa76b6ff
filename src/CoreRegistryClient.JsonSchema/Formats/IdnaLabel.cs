using System.Globalization;
using CoreRegistryClient.JsonSchema.Patterns;

namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>IDNA2008 U-label rules (RFC 5891 section 4.2.3 and 5.4, RFC 5892 appendix A) and the RFC 5893 Bidi
/// Rule, over a label's code points.</summary>
/// <remarks>NFC is not required: the JSON Schema test suite accepts labels that are not in NFC.</remarks>
internal static class IdnaLabel
{
    /// <summary>Code points with Canonical_Combining_Class Virama (9).</summary>
    private static readonly CodePointSet s_viramas = CodePointSet.FromRanges(
    [
        (0x094D, 0x094D), (0x09CD, 0x09CD), (0x0A4D, 0x0A4D), (0x0ACD, 0x0ACD), (0x0B4D, 0x0B4D), (0x0BCD, 0x0BCD),
        (0x0C4D, 0x0C4D), (0x0CCD, 0x0CCD), (0x0D3B, 0x0D3C), (0x0D4D, 0x0D4D), (0x0DCA, 0x0DCA), (0x0E3A, 0x0E3A),
        (0x0EBA, 0x0EBA), (0x0F84, 0x0F84), (0x1039, 0x103A), (0x1714, 0x1715), (0x1734, 0x1734), (0x17D2, 0x17D2),
        (0x1A60, 0x1A60), (0x1B44, 0x1B44), (0x1BAA, 0x1BAB), (0x1BF2, 0x1BF3), (0x2D7F, 0x2D7F), (0xA806, 0xA806),
        (0xA82C, 0xA82C), (0xA8C4, 0xA8C4), (0xA953, 0xA953), (0xA9C0, 0xA9C0), (0xAAF6, 0xAAF6), (0xABED, 0xABED),
        (0x10A3F, 0x10A3F), (0x11046, 0x11046), (0x11070, 0x11070), (0x1107F, 0x1107F), (0x110B9, 0x110B9),
        (0x11133, 0x11134), (0x111C0, 0x111C0), (0x11235, 0x11235), (0x112EA, 0x112EA), (0x1134D, 0x1134D),
        (0x113CE, 0x113D0), (0x11442, 0x11442), (0x114C2, 0x114C2), (0x115BF, 0x115BF), (0x1163F, 0x1163F),
        (0x116B6, 0x116B6), (0x1172B, 0x1172B), (0x11839, 0x11839), (0x1193D, 0x1193E), (0x119E0, 0x119E0),
        (0x11A34, 0x11A34), (0x11A47, 0x11A47), (0x11A99, 0x11A99), (0x11C3F, 0x11C3F), (0x11D44, 0x11D45),
        (0x11D97, 0x11D97), (0x11F41, 0x11F42), (0x1612F, 0x1612F),
    ]);

    /// <summary>Whether the code points form a valid U-label (ignoring length, which callers check on the A-label).</summary>
    public static bool IsValid(IReadOnlyList<int> label)
    {
        if (label.Count == 0 || label[0] == '-' || label[^1] == '-' || (label.Count >= 4 && label[2] == '-' && label[3] == '-'))
        {
            return false;
        }

        if (IsMark(label[0]))
        {
            return false;
        }

        for (var i = 0; i < label.Count; i++)
        {
            var ok = IdnaCodePoints.Get(label[i]) switch
            {
                IdnaProperty.ProtocolValid => true,
                IdnaProperty.ContextJoiner => JoinerRuleHolds(label, i),
                IdnaProperty.ContextOther => ContextRuleHolds(label, i),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the label holds a right-to-left character, making the whole name a Bidi domain name.</summary>
    public static bool HasRightToLeft(IReadOnlyList<int> label)
    {
        foreach (var cp in label)
        {
            if (BidiClasses.Get(cp) is BidiClass.R or BidiClass.AL or BidiClass.AN)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The RFC 5893 section 2 Bidi Rule, which every label of a Bidi domain name must satisfy.</summary>
    public static bool SatisfiesBidiRule(IReadOnlyList<int> label)
    {
        if (label.Count == 0)
        {
            return false;
        }

        var first = BidiClasses.Get(label[0]);
        var rightToLeft = first is BidiClass.R or BidiClass.AL;
        if (!rightToLeft && first != BidiClass.L)
        {
            return false;
        }

        bool hasEuropean = false, hasArabic = false;
        var last = BidiClass.NSM;
        foreach (var cp in label)
        {
            var bidi = BidiClasses.Get(cp);
            var allowed = rightToLeft
                ? bidi is not BidiClass.L
                : bidi is not (BidiClass.R or BidiClass.AL or BidiClass.AN);
            if (!allowed)
            {
                return false;
            }

            hasEuropean |= bidi == BidiClass.EN;
            hasArabic |= bidi == BidiClass.AN;
            if (bidi != BidiClass.NSM)
            {
                last = bidi;
            }
        }

        return rightToLeft
            ? last is BidiClass.R or BidiClass.AL or BidiClass.EN or BidiClass.AN && !(hasEuropean && hasArabic)
            : last is BidiClass.L or BidiClass.EN;
    }

    private static bool IsMark(int cp) =>
        cp is < 0xD800 or > 0xDFFF and <= CodePointSet.MaxCodePoint
        && CharUnicodeInfo.GetUnicodeCategory(cp) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>RFC 5892 appendix A.1 (ZERO WIDTH NON-JOINER) and A.2 (ZERO WIDTH JOINER).</summary>
    private static bool JoinerRuleHolds(IReadOnlyList<int> label, int i)
    {
        if (i > 0 && s_viramas.Contains(label[i - 1]))
        {
            return true;
        }

        if (label[i] == 0x200D)
        {
            return false;
        }

        // (Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D})
        var before = i - 1;
        while (before >= 0 && JoiningTypes.IsTransparent(label[before]))
        {
            before--;
        }

        var after = i + 1;
        while (after < label.Count && JoiningTypes.IsTransparent(label[after]))
        {
            after++;
        }

        return before >= 0 && JoiningTypes.JoinsForward(label[before])
            && after < label.Count && JoiningTypes.JoinsBackward(label[after]);
    }

    /// <summary>RFC 5892 appendix A.3 to A.9.</summary>
    private static bool ContextRuleHolds(IReadOnlyList<int> label, int i)
    {
        var cp = label[i];
        switch (cp)
        {
            case 0x00B7:
                // MIDDLE DOT: between two 'l's (Catalan l·l).
                return i > 0 && label[i - 1] == 'l' && i + 1 < label.Count && label[i + 1] == 'l';
            case 0x0375:
                // GREEK LOWER NUMERAL SIGN (KERAIA): followed by Greek.
                return i + 1 < label.Count && UnicodeScripts.Greek.Contains(label[i + 1]);
            case 0x05F3 or 0x05F4:
                // HEBREW PUNCTUATION GERESH / GERSHAYIM: preceded by Hebrew.
                return i > 0 && UnicodeScripts.Hebrew.Contains(label[i - 1]);
            case 0x30FB:
                // KATAKANA MIDDLE DOT: the label holds Hiragana, Katakana or Han.
                foreach (var other in label)
                {
                    if (UnicodeScripts.Hiragana.Contains(other) || UnicodeScripts.Katakana.Contains(other) || UnicodeScripts.Han.Contains(other))
                    {
                        return true;
                    }
                }

                return false;
            case >= 0x0660 and <= 0x0669:
                // ARABIC-INDIC DIGITS: not mixed with EXTENDED ARABIC-INDIC DIGITS.
                return !label.Any(other => other is >= 0x06F0 and <= 0x06F9);
            case >= 0x06F0 and <= 0x06F9:
                return !label.Any(other => other is >= 0x0660 and <= 0x0669);
            default:
                return false;
        }
    }
}
