using System.Text;

namespace CoreRegistryClient.Cli.Validation;

/// <summary>Reads payloads from a JSON file, a JSON Lines file (<c>.jsonl</c>/<c>.ndjson</c>, one payload per
/// non-empty line) or a directory of both, streaming so that a large corpus is never held whole.</summary>
internal static class PayloadReader
{
    public static IEnumerable<Payload> Read(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Where(f => IsJsonLines(f) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            return files.SelectMany(ReadFile);
        }

        if (File.Exists(path))
        {
            return ReadFile(path);
        }

        throw new UsageException($"No payload file or directory at '{path}'.");
    }

    private static IEnumerable<Payload> ReadFile(string file)
    {
        if (!IsJsonLines(file))
        {
            yield return new Payload(file, File.ReadAllBytes(file));
            yield break;
        }

        var number = 0;
        foreach (var line in File.ReadLines(file, Encoding.UTF8))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return new Payload($"{file}:{number}", Encoding.UTF8.GetBytes(line));
            }
        }
    }

    private static bool IsJsonLines(string file) =>
        file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
}
