using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoreRegistryClient.Cli;

/// <summary>JSON written by <c>--json</c>: indented, snake_case enum values, readable characters.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Terminal and pipe output, never HTML.
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static async Task WriteAsync<T>(CliContext context, T value)
    {
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(value, Options)).ConfigureAwait(false);
        await context.Out.FlushAsync().ConfigureAwait(false);
    }
}
