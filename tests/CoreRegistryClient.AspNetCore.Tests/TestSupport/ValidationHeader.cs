namespace CoreRegistryClient.AspNetCore.Tests.TestSupport;

/// <summary>The <c>Schema-Validation</c> header of a response, parsed (token and parameters).</summary>
internal sealed record ValidationHeader(string Result, IReadOnlyDictionary<string, string> Parameters)
{
    public string? this[string parameter] => Parameters.TryGetValue(parameter, out var value) ? value : null;

    public static ValidationHeader? Of(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Schema-Validation", out var values)) return null;
        var text = string.Join(",", values);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = Split(text);
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var value = part[(equals + 1)..];
            parameters[part[..equals]] = value.StartsWith('"') ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : value;
        }

        return new ValidationHeader(parts[0], parameters);
    }

    /// <summary>Splits on <c>;</c> outside quoted strings.</summary>
    private static List<string> Split(string text)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '\\' && i + 1 < text.Length)
            {
                current.Append(c).Append(text[++i]);
                continue;
            }

            if (c == '"') quoted = !quoted;
            if (c == ';' && !quoted)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        parts.Add(current.ToString());
        return parts;
    }
}
