using System.Text;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>Maps a dead-letter stream entry's fields to <see cref="DeadLetter"/>.</summary>
internal static class DeadLetterFields
{
    public static DeadLetter ToDeadLetter(string id, Func<string, ReadOnlyMemory<byte>?> field) => new(
        id,
        Text(field(StreamNames.OriginalIdField)),
        Text(field(StreamNames.ReasonField)),
        field(StreamNames.DataField) ?? ReadOnlyMemory<byte>.Empty);

    private static string Text(ReadOnlyMemory<byte>? value) => value is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : string.Empty;
}
