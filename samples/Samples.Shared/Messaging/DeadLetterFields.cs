using System.Text;
using CoreRegistryClient.Samples.Redis;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>Maps a dead-letter stream entry to <see cref="DeadLetter"/>.</summary>
internal static class DeadLetterFields
{
    public static DeadLetter ToDeadLetter(StreamEntry entry) => new(
        entry.Id,
        Text(entry, StreamNames.OriginalIdField),
        Text(entry, StreamNames.ReasonField),
        entry.GetField(StreamNames.DataField) ?? ReadOnlyMemory<byte>.Empty);

    private static string Text(StreamEntry entry, string field) =>
        entry.GetField(field) is { } value ? Encoding.UTF8.GetString(value.Span) : string.Empty;
}
