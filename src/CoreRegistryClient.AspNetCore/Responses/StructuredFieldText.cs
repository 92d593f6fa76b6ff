using System.Text;

namespace CoreRegistryClient.AspNetCore.Responses;

/// <summary>Text made safe for a header: an RFC 8941 sf-string (printable ASCII, <c>"</c> and <c>\</c> escaped), other
/// characters replaced by <c>?</c> and the length capped, since schema names, versions and notes come from the registry.</summary>
internal static class StructuredFieldText
{
    public const int MaxLength = 256;

    public static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        var length = Math.Min(text.Length, MaxLength);
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (c is '"' or '\\') builder.Append('\\').Append(c);
            else builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        builder.Append('"');
    }
}
