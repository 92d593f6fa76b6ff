using System.Text;
using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.Tests.Enforcement;

public class CanarySelectorTests
{
    [Test]
    public void Bucket_is_fnv1a_32_of_the_utf8_key()
    {
        // Published FNV-1a 32-bit vectors: "a" -> 0xe40c292c, "foobar" -> 0xbf9cf968.
        Assert.Multiple(() =>
        {
            Assert.That(CanarySelector.Bucket("a"), Is.EqualTo(0xe40c292cu % CanarySelector.Buckets));
            Assert.That(CanarySelector.Bucket("foobar"), Is.EqualTo(0xbf9cf968u % CanarySelector.Buckets));
        });
    }

    [TestCase("order-1")]
    [TestCase("Zürich-Ω-€")]
    [TestCase("emoji-😀")]
    [TestCase("")]
    public void Bucket_of_a_string_is_fnv1a_of_its_utf8_bytes(string key)
    {
        // An independent FNV-1a over the UTF-8 bytes: the string path must hash what other languages would hash.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key)) hash = (hash ^ b) * 16777619u;
        Assert.That(CanarySelector.Bucket(key), Is.EqualTo(hash % CanarySelector.Buckets));
    }

    [Test]
    public void The_same_key_always_gets_the_same_bucket() =>
        Assert.That(Enumerable.Range(0, 5).Select(_ => CanarySelector.Bucket("instrument:ES-2026-03")).Distinct().Count(), Is.EqualTo(1));

    [Test]
    public void A_quarter_threshold_selects_about_a_quarter_of_keys()
    {
        var threshold = CanarySelector.Threshold(25);
        var selected = Enumerable.Range(0, 20_000).Count(i => CanarySelector.Bucket($"key-{i}") < threshold);
        Assert.That(selected / 20_000.0, Is.InRange(0.23, 0.27));
    }

    [TestCase(0, 0u)]
    [TestCase(100, 10_000u)]
    [TestCase(12.5, 1_250u)]
    [TestCase(250, 10_000u)]
    public void Threshold_maps_percent_to_buckets(double percent, uint expected) =>
        Assert.That(CanarySelector.Threshold(percent), Is.EqualTo(expected));
}
