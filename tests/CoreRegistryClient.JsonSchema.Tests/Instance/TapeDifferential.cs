using System.Text;
using System.Text.Unicode;
using CoreRegistryClient.JsonSchema.Instance;

namespace CoreRegistryClient.JsonSchema.Tests.Instance;

/// <summary>Runs the engine's tape (<see cref="InstanceTape.Parse"/>) and the reference <see cref="ReaderTape"/> on the
/// same bytes and says how they differ: the outcome, and for a read document every token and the depth.</summary>
internal static class TapeDifferential
{
    /// <summary>Asserts that <paramref name="json"/> is refused as malformed, as the reference refuses it, at byte
    /// <paramref name="position"/> of the validator's result.</summary>
    public static void AssertRefusedAt(string json, long position)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var result = JsonSchemaValidator.Parse("{}").Validate(bytes);
        var kind = Compare(bytes, 64, out var difference);

        Assert.Multiple(() =>
        {
            Assert.That(kind, Is.EqualTo(InputErrorKind.MalformedJson), $"{difference}: {json}");
            Assert.That(result.BytePosition, Is.EqualTo(position), json);
        });
    }

    /// <summary>The engine's outcome, or null when it differs from the reference (<paramref name="difference"/> says how).</summary>
    public static InputErrorKind? Compare(byte[] json, int maxDepth, out string difference)
    {
        JsonToken[] ours = [];
        int[] ourContainers = [];
        JsonToken[] theirs = [];
        int[] theirContainers = [];
        try
        {
            var kind = InstanceTape.Parse(json, ref ours, ref ourContainers, maxDepth, out var count, out var deepest, out var position, out var message);
            var (theirCount, theirDeepest) = (0, 0);
            var expected = Utf8.IsValid(json)
                ? ReaderTape.Parse(json, ref theirs, ref theirContainers, maxDepth, out theirCount, out theirDeepest)
                : InputErrorKind.InvalidUtf8;
            difference = kind != expected ? $"outcome {kind}, reader {expected}"
                : kind != InputErrorKind.None ? Position(json, position, message)
                : count != theirCount || deepest != theirDeepest ? $"{count} tokens, depth {deepest}; reader {theirCount}, {theirDeepest}"
                : Tokens(ours, theirs, count);
            return difference.Length == 0 ? kind : null;
        }
        finally
        {
            InstanceTape.Release(ours);
        }
    }

    /// <summary>A failure's position is within the input and its message names it without quoting the payload.</summary>
    private static string Position(byte[] json, long position, string? message) =>
        position < 0 || position > json.Length ? $"position {position} outside the input"
        : message is null || (!message.Contains($"(byte {position})", StringComparison.Ordinal) && !message.Contains("limit", StringComparison.Ordinal) && !message.Contains("UTF-8", StringComparison.Ordinal)) ? $"message '{message}'"
        : "";

    private static string Tokens(JsonToken[] ours, JsonToken[] theirs, int count)
    {
        for (var k = 0; k < count; k++)
        {
            var (a, b) = (ours[k], theirs[k]);
            if (a.Kind != b.Kind || a.Start != b.Start || a.Length != b.Length || a.End != b.End || a.Escaped != b.Escaped || (a.Kind == JsonTokenKind.Number && a.IntegerSyntax != b.IntegerSyntax))
            {
                return $"token {k}: {a.Kind} start {a.Start} length/count {a.Length} end {a.End} escaped {a.Escaped} integer {a.IntegerSyntax}; reader {b.Kind} {b.Start} {b.Length} {b.End} {b.Escaped} {b.IntegerSyntax}";
            }
        }

        return "";
    }
}
