namespace CoreRegistryClient.Tests.Testing;

/// <summary>A throw-away schema folder under the system temp directory.</summary>
internal sealed class SchemaFolder : IDisposable
{
    public SchemaFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crc-schemas-" + Guid.NewGuid().ToString("N"));

    public SchemaFolder Write(string relativePath, string text, bool byteOrderMark = false)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text, new System.Text.UTF8Encoding(byteOrderMark));
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
