using System.Text.Json;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>The floor the engine benchmarks measure against (ratio 1.00): reading every token of a payload with
/// <see cref="Utf8JsonReader"/> and nothing more, the cost issue 10 names as the baseline for validation.</summary>
internal static class ReaderFloor
{
    /// <summary>Reads every token of <paramref name="payload"/>; returns how many there were.</summary>
    public static int Read(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }
}
