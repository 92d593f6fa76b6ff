using System.Text;

namespace CoreRegistryClient.JsonSchema.Formats;

/// <summary>RFC 1123 <c>hostname</c> and IDNA2008 <c>idn-hostname</c> (RFC 5890-5893).</summary>
/// <remarks>
/// A hostname is dot-separated LDH labels of 1-63 characters, 253 in all, no trailing dot; labels starting
/// <c>xn--</c> must be valid A-labels (well-formed Punycode that re-encodes to itself and decodes to a valid
/// U-label). An IDN hostname may also hold U-labels, separated by any of the four IDNA full stops, with lengths
/// measured on the A-label form. In a name holding any right-to-left label, every label must satisfy the Bidi Rule.
/// </remarks>
internal static class HostnameFormat
{
    private const int MaxLabelLength = 63;
    private const int MaxNameLength = 253;

    /// <summary>Whether <paramref name="value"/> is an RFC 1123 hostname (A-labels checked).</summary>
    public static bool IsHostname(ReadOnlySpan<char> value) => Check(value, idn: false);

    /// <summary>Whether <paramref name="value"/> is an internationalised hostname.</summary>
    public static bool IsIdnHostname(ReadOnlySpan<char> value) => Check(value, idn: true);

    /// <summary>Checks a hostname (<paramref name="idn"/> false) or IDN hostname held in a span.</summary>
    internal static bool Check(ReadOnlySpan<char> name, bool idn)
    {
        if (name.IsEmpty || (!idn && name.Length > MaxNameLength))
        {
            return false;
        }

        if (!idn && name.ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return false;
        }

        // Most names are plain LDH labels; the Unicode work (and its allocations) is only for the others.
        var whole = name;
        var asciiLength = 0;
        var bidiDomain = false;
        var labelCount = 0;
        while (true)
        {
            var end = idn ? name.IndexOfAny(".\u3002\uFF0E\uFF61") : name.IndexOf('.');
            var label = end < 0 ? name : name[..end];
            labelCount++;
            if (label.IsEmpty)
            {
                return false;
            }

            int labelLength;
            List<int>? codePoints;
            if (!label.ContainsAnyExceptInRange('\0', '\u007F'))
            {
                if (label.Length > 4 && label[..4].Equals("xn--", StringComparison.OrdinalIgnoreCase))
                {
                    codePoints = DecodeALabel(label[4..]);
                    if (codePoints is null)
                    {
                        return false;
                    }
                }
                else
                {
                    if (!IsLdhLabel(label, rejectReservedHyphens: idn))
                    {
                        return false;
                    }

                    codePoints = null;
                }

                labelLength = label.Length;
            }
            else
            {
                codePoints = ToCodePoints(label);
                if (codePoints is null || !IdnaLabel.IsValid(codePoints))
                {
                    return false;
                }

                labelLength = 4 + Punycode.Encode(codePoints).Length;
            }

            if (labelLength > MaxLabelLength)
            {
                return false;
            }

            asciiLength += labelLength;
            if (codePoints is not null)
            {
                bidiDomain |= IdnaLabel.HasRightToLeft(codePoints);
            }

            if (end < 0)
            {
                break;
            }

            name = name[(end + 1)..];
        }

        if (asciiLength + labelCount - 1 > MaxNameLength)
        {
            return false;
        }

        return !bidiDomain || SatisfiesBidiRule(whole, idn);
    }

    /// <summary>Checks every label of a name already found valid and holding right-to-left text.</summary>
    private static bool SatisfiesBidiRule(ReadOnlySpan<char> name, bool idn)
    {
        while (true)
        {
            var end = idn ? name.IndexOfAny(".\u3002\uFF0E\uFF61") : name.IndexOf('.');
            var label = end < 0 ? name : name[..end];
            var codePoints = label.ContainsAnyExceptInRange('\0', '\u007F') ? ToCodePoints(label)
                : label.Length > 4 && label[..4].Equals("xn--", StringComparison.OrdinalIgnoreCase) ? DecodeALabel(label[4..])
                : AsciiCodePoints(label);
            if (codePoints is null || !IdnaLabel.SatisfiesBidiRule(codePoints))
            {
                return false;
            }

            if (end < 0)
            {
                return true;
            }

            name = name[(end + 1)..];
        }
    }

    /// <summary>letters, digits and hyphens, not starting or ending with a hyphen; in IDNA, labels with
    /// <c>--</c> in the third and fourth positions are reserved for A-labels.</summary>
    private static bool IsLdhLabel(ReadOnlySpan<char> label, bool rejectReservedHyphens)
    {
        if (label[0] == '-' || label[^1] == '-' || (rejectReservedHyphens && label.Length >= 4 && label[2] == '-' && label[3] == '-'))
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The U-label an A-label's Punycode stands for, or null when the A-label is not valid: Punycode must
    /// decode, yield at least one non-ASCII code point, re-encode to the same text, and form a valid U-label.</summary>
    private static List<int>? DecodeALabel(ReadOnlySpan<char> punycode)
    {
        var codePoints = new List<int>(punycode.Length);
        if (!Punycode.TryDecode(punycode, codePoints) || codePoints.TrueForAll(cp => cp < 0x80))
        {
            return null;
        }

        if (!Punycode.Encode(codePoints).AsSpan().Equals(punycode, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return IdnaLabel.IsValid(codePoints) ? codePoints : null;
    }

    private static List<int>? ToCodePoints(ReadOnlySpan<char> label)
    {
        var codePoints = new List<int>(label.Length);
        while (!label.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(label, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return null;
            }

            codePoints.Add(rune.Value);
            label = label[consumed..];
        }

        return codePoints;
    }

    private static List<int> AsciiCodePoints(ReadOnlySpan<char> label)
    {
        var codePoints = new List<int>(label.Length);
        foreach (var c in label)
        {
            codePoints.Add(c);
        }

        return codePoints;
    }
}
