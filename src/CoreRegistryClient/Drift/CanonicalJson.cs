using System.Buffers;
using System.Text.Json;

namespace CoreRegistryClient.Drift;

/// <summary>Serialises JSON in a canonical form: the same data gives the same bytes whatever its key order,
/// whitespace or escaping.</summary>
internal static class CanonicalJson
{
    /// <summary>Writes the canonical form of <paramref name="value"/> to <paramref name="output"/>.</summary>
    /// <exception cref="CanonicalJsonException">The value cannot be canonicalised in that form (e.g. an unpaired
    /// surrogate or an infinite number under <see cref="CanonicalForm.Jcs"/>, or nesting too deep).</exception>
    public static void WriteTo(JsonElement value, IBufferWriter<byte> output, CanonicalForm form = CanonicalForm.Jcs)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = CanonicalJsonWriter.ToBuffer(form, output);
        writer.Write(value);
    }

    /// <summary>Writes the canonical form of the UTF-8 JSON document <paramref name="utf8Json"/> to <paramref name="output"/>.</summary>
    /// <exception cref="CanonicalJsonException">The input is not JSON (or not UTF-8), or cannot be canonicalised in that form.</exception>
    public static void WriteTo(ReadOnlyMemory<byte> utf8Json, IBufferWriter<byte> output, CanonicalForm form = CanonicalForm.Jcs)
    {
        using var document = Parse(utf8Json);
        WriteTo(document.RootElement, output, form);
    }

    /// <summary>The canonical form of <paramref name="value"/> as UTF-8 bytes.</summary>
    /// <exception cref="CanonicalJsonException">The value cannot be canonicalised in that form.</exception>
    public static byte[] Canonicalize(JsonElement value, CanonicalForm form = CanonicalForm.Jcs)
    {
        var output = new ArrayBufferWriter<byte>();
        WriteTo(value, output, form);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The canonical form of the UTF-8 JSON document <paramref name="utf8Json"/> as UTF-8 bytes.</summary>
    /// <exception cref="CanonicalJsonException">The input is not JSON (or not UTF-8), or cannot be canonicalised in that form.</exception>
    public static byte[] Canonicalize(ReadOnlyMemory<byte> utf8Json, CanonicalForm form = CanonicalForm.Jcs)
    {
        var output = new ArrayBufferWriter<byte>();
        WriteTo(utf8Json, output, form);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The name a report uses for <paramref name="form"/>: <c>jcs</c> or <c>python</c>.</summary>
    public static string GetName(CanonicalForm form) => form switch
    {
        CanonicalForm.Jcs => "jcs",
        CanonicalForm.Python => "python",
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown canonical form."),
    };

    /// <summary>Reads <c>jcs</c> or <c>python</c> (case-insensitive).</summary>
    public static bool TryParseForm(string? name, out CanonicalForm form)
    {
        form = CanonicalForm.Jcs;
        if (string.Equals(name, "jcs", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(name, "python", StringComparison.OrdinalIgnoreCase))
        {
            form = CanonicalForm.Python;
            return true;
        }

        return false;
    }

    internal static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json)
    {
        var span = utf8Json.Span;
        if (span.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        try
        {
            return JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = CanonicalJsonWriter.MaxDepth });
        }
        catch (JsonException ex)
        {
            // System.Text.Json reports over-deep input with the same exception type as malformed input.
            var kind = ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase) ? CanonicalJsonErrorKind.TooDeep : CanonicalJsonErrorKind.MalformedJson;
            throw new CanonicalJsonException($"The input is not valid JSON: {ex.Message}", kind, ex);
        }
    }
}
