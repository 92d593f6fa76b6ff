using CoreRegistryClient.JsonSchema.Formats;

namespace CoreRegistryClient.JsonSchema.Tests.Formats;

public class PunycodeTests
{
    [TestCase("b\u00fccher", "bcher-kva")]
    [TestCase("\u4ed6\u4eec\u4e3a\u4ec0\u4e48\u4e0d\u8bf4\u4e2d\u6587", "ihqwcrb4cv8a8dqg056pqjye")]
    [TestCase("\uc2e4\ub840", "9n2bp8q")]
    [TestCase("\U0001F600", "e28h")]
    public void Encoding_and_decoding_round_trip(string unicode, string punycode)
    {
        var codePoints = unicode.EnumerateRunes().Select(r => r.Value).ToList();

        Assert.That(Punycode.Encode(codePoints), Is.EqualTo(punycode));
        var decoded = new List<int>();
        Assert.That(Punycode.TryDecode(punycode, decoded), Is.True);
        Assert.That(decoded, Is.EqualTo(codePoints));
    }

    [TestCase("X")]
    [TestCase("99999999999")]
    [TestCase("b\u00fc-kva")]
    [TestCase("a-!")]
    public void Malformed_input_does_not_decode(string punycode) =>
        Assert.That(Punycode.TryDecode(punycode, []), Is.False);
}
