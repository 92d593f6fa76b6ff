using System.Globalization;
using System.Text;
using System.Text.Json;
using CoreRegistryClient.Drift;

namespace CoreRegistryClient.Tests.Drift;

public class CanonicalJsonVectorTests
{
    public static IEnumerable<TestCaseData> JcsVectors() =>
        Directory.GetFiles(SharedCorpus.Path("canonical-json-vectors", "jcs", "input"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"Jcs_reproduces_vector_{Path.GetFileNameWithoutExtension(f)}"));

    public static IEnumerable<TestCaseData> Es6Numbers() =>
        File.ReadLines(SharedCorpus.Path("canonical-json-vectors", "jcs", "es6-numbers.csv"))
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .Select(p => new TestCaseData(p[0], p[1]).SetName($"Jcs_formats_ieee_{p[0]}_as_{p[1]}"));

    public static IEnumerable<TestCaseData> PythonVectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedCorpus.Path("canonical-json-vectors", "python-sort-keys", "vectors.json")));
        foreach (var vector in document.RootElement.EnumerateArray())
        {
            var name = vector.GetProperty("name").GetString()!;
            yield return new TestCaseData(
                    vector.GetProperty("input").GetString()!,
                    vector.GetProperty("canonical").GetString()!,
                    vector.GetProperty("sha256").GetString()!)
                .SetName($"Python_form_matches_json_dumps_for_{name}");
        }
    }

    [TestCaseSource(nameof(JcsVectors))]
    public void Jcs_vector(string file)
    {
        var input = File.ReadAllBytes(SharedCorpus.Path("canonical-json-vectors", "jcs", "input", file));
        var expected = File.ReadAllBytes(SharedCorpus.Path("canonical-json-vectors", "jcs", "output", file));

        var actual = CanonicalJson.Canonicalize(input, CanonicalForm.Jcs);

        Assert.That(Encoding.UTF8.GetString(actual), Is.EqualTo(Encoding.UTF8.GetString(expected)));
        Assert.That(actual, Is.EqualTo(expected), "byte for byte");
    }

    [TestCaseSource(nameof(JcsVectors))]
    public void Jcs_hash_is_sha256_of_the_vector_output(string file)
    {
        var input = File.ReadAllBytes(SharedCorpus.Path("canonical-json-vectors", "jcs", "input", file));
        var expected = File.ReadAllBytes(SharedCorpus.Path("canonical-json-vectors", "jcs", "output", file));

        Assert.That(SchemaHasher.ComputeSha256(input), Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(expected))));
    }

    [TestCaseSource(nameof(Es6Numbers))]
    public void Es6_number(string ieeeHex, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(long.Parse(ieeeHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        using var document = JsonDocument.Parse($"[{value.ToString("R", CultureInfo.InvariantCulture)}]");

        var canonical = Encoding.UTF8.GetString(CanonicalJson.Canonicalize(document.RootElement));

        Assert.That(canonical, Is.EqualTo($"[{expected}]"));
    }

    [TestCaseSource(nameof(PythonVectors))]
    public void Python_vector(string input, string canonical, string sha256)
    {
        var bytes = Encoding.UTF8.GetBytes(input);

        Assert.That(Encoding.UTF8.GetString(CanonicalJson.Canonicalize(bytes, CanonicalForm.Python)), Is.EqualTo(canonical));
        Assert.That(SchemaHasher.ComputeSha256(bytes, CanonicalForm.Python), Is.EqualTo(sha256));
    }
}
