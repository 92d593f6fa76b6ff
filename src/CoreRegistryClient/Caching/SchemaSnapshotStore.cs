using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Caching;

/// <summary>Keeps the last good copy of every schema on disk, one file per schema name, so a service restarted
/// while the registry is down still validates.</summary>
/// <remarks>Files are written to a temporary name and renamed over the old one, so a crash mid-write never
/// leaves a half file under the real name. Each file carries a sha256 of its content; a file that does not
/// parse or whose checksum does not match is skipped with a warning.</remarks>
internal sealed class SchemaSnapshotStore(TimeProvider time, ILogger<SchemaSnapshotStore> logger)
{
    private const int FormatVersion = 1;
    private const string Extension = ".json";

    public void Save(string directory, string name, string requestedTrack, Registry.RegistrySchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var path = PathFor(directory, name);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(directory);
            var content = JsonSerializer.SerializeToUtf8Bytes(schema.Content);
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var writer = new Utf8JsonWriter(file))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("format", FormatVersion);
                    writer.WriteString("name", name);
                    writer.WriteString("requested_track", requestedTrack);
                    writer.WriteString("track", schema.Track);
                    writer.WriteString("core_version", schema.CoreVersion);
                    writer.WriteString("sha256", schema.Sha256);
                    writer.WriteString("saved_at", time.GetUtcNow());
                    writer.WriteString("content_sha256", Convert.ToHexStringLower(SHA256.HashData(content)));
                    writer.WritePropertyName("content");
                    writer.WriteRawValue(content, skipInputValidation: true);
                    writer.WriteEndObject();
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            logger.SnapshotWriteFailed(name, exception);
            TryDelete(temporary);
        }
    }

    /// <summary>The snapshot of one schema, or null when there is none or it is corrupt.</summary>
    public SchemaSnapshot? TryLoad(string directory, string name)
    {
        var path = PathFor(directory, name);
        if (!File.Exists(path)) return null;
        var snapshot = Read(path);
        return snapshot is not null && string.Equals(snapshot.Name, name, StringComparison.Ordinal) ? snapshot : null;
    }

    /// <summary>Every readable snapshot in the directory; corrupt files are skipped with a warning.</summary>
    public IReadOnlyList<SchemaSnapshot> LoadAll(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var snapshots = new List<SchemaSnapshot>();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            if (Read(path) is { } snapshot) snapshots.Add(snapshot);
        }

        return snapshots;
    }

    /// <summary>The file of a schema: its name with anything but letters, digits, '_', '-' and inner '.'
    /// percent-encoded, so a name can never climb out of the directory.</summary>
    internal static string PathFor(string directory, string name)
    {
        var file = new StringBuilder(name.Length + Extension.Length);
        var bytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var safe = char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-' || (b == (byte)'.' && i > 0);
            if (safe) file.Append((char)b);
            else file.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return Path.Combine(directory, file.Append(Extension).ToString());
    }

    private SchemaSnapshot? Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Corrupt(path, "not a JSON object");
            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Number || format.GetInt32() != FormatVersion)
            {
                return Corrupt(path, "unknown format");
            }

            if (!root.TryGetProperty("content", out var content)) return Corrupt(path, "no content");
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.GetRawText())));
            if (!string.Equals(checksum, String(root, "content_sha256"), StringComparison.Ordinal)) return Corrupt(path, "content checksum mismatch");

            var name = String(root, "name");
            var requested = String(root, "requested_track");
            var track = String(root, "track");
            var version = String(root, "core_version");
            var sha256 = String(root, "sha256");
            if (name is null || requested is null || track is null || version is null || sha256 is null) return Corrupt(path, "missing field");
            var savedAt = root.TryGetProperty("saved_at", out var saved) && saved.TryGetDateTimeOffset(out var at) ? at : DateTimeOffset.MinValue;
            return new SchemaSnapshot(name, requested, track, version, sha256, savedAt, content.Clone());
        }
        catch (JsonException exception)
        {
            return Corrupt(path, $"not JSON ({exception.Message})");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            return Corrupt(path, exception.GetType().Name);
        }
    }

    /// <summary>Reports a snapshot that read back but is unusable (e.g. it no longer compiles).</summary>
    public void ReportCorrupt(string path, string reason) => logger.SnapshotCorrupt(path, reason);

    private SchemaSnapshot? Corrupt(string path, string reason)
    {
        ReportCorrupt(path, reason);
        return null;
    }

    private static string? String(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover *.tmp file is harmless: it is never read as a snapshot.
        }
    }
}
