using CoreRegistryClient.JsonSchema.Formats;

namespace CoreRegistryClient.JsonSchema.Tests.Formats;

/// <summary>Edges the suite leaves out, checked through the same registry the engine uses.</summary>
public class FormatCheckerTests
{
    private static bool Check(string format, string value) => FormatRegistry.Get(format)!(value);

    [TestCase("date-time", "1963-06-19 08:30:06Z", false)]
    [TestCase("date-time", "1963-06-19T08:30:06.Z", false)]
    [TestCase("date-time", "0000-01-01T00:00:00Z", true)]
    [TestCase("date-time", "2000-02-29T00:00:00+14:00", true)]
    [TestCase("date-time", "1963-06-19T", false)]
    [TestCase("time", "23:59:60.5Z", true)]
    [TestCase("time", "00:00:60+00:01", true)]
    [TestCase("time", "08:30:06+0800", false)]
    [TestCase("date", "2000-02-29", true)]
    [TestCase("duration", "P1W", true)]
    [TestCase("duration", "P1YT1H", true)]
    [TestCase("duration", "P1MT", false)]
    [TestCase("duration", "P1Y1M1D1H", false)]
    [TestCase("duration", "PT1S1M", false)]
    [TestCase("duration", "P1W2D", false)]
    public void Dates_times_and_durations(string format, string value, bool expected) =>
        Assert.That(Check(format, value), Is.EqualTo(expected));

    [TestCase("email", "a@b", true)]
    [TestCase("email", "a@[IPv6:::1]", true)]
    [TestCase("email", "a@[tag:content]", true)]
    [TestCase("email", "a@[tag-:content]", false)]
    [TestCase("email", "a@[IPv6:1.2.3.4]", false)]
    [TestCase("email", "\"a\\\"b\"@example.com", true)]
    [TestCase("email", "\"ab@example.com", false)]
    [TestCase("email", "\u00e9@example.com", false)]
    [TestCase("idn-email", "\u00e9@example.com", true)]
    [TestCase("idn-email", "\u00e9@b\u00fccher.example", true)]
    [TestCase("idn-email", "a@-b.example", false)]
    public void Email_addresses(string format, string value, bool expected) =>
        Assert.That(Check(format, value), Is.EqualTo(expected));

    [Test]
    public void A_local_part_is_limited_to_64_octets_of_UTF_8()
    {
        Assert.That(Check("idn-email", new string('\u00e9', 32) + "@example.com"), Is.True);
        Assert.That(Check("idn-email", new string('\u00e9', 33) + "@example.com"), Is.False);
        Assert.That(Check("email", new string('a', 65) + "@example.com"), Is.False);
    }

    [Test]
    public void A_hostname_is_at_most_253_characters()
    {
        var label = new string('a', 63);
        var name253 = $"{label}.{label}.{label}.{new string('b', 61)}";

        Assert.That(name253, Has.Length.EqualTo(253));
        Assert.That(Check("hostname", name253), Is.True);
        Assert.That(Check("hostname", name253 + "b"), Is.False);
        Assert.That(Check("idn-hostname", name253), Is.True);
        Assert.That(Check("idn-hostname", name253 + "b"), Is.False);
    }

    [TestCase("hostname", "xn--bcher-kva.example", true)]
    [TestCase("hostname", "b\u00fccher.example", false)]
    [TestCase("hostname", "xn--bcher-kva-.example", false)]
    [TestCase("hostname", "ab--cd.example", true)]
    [TestCase("idn-hostname", "b\u00fccher.example", true)]
    [TestCase("idn-hostname", "B\u00dcCHER.example", false)]
    [TestCase("idn-hostname", "EXAMPLE.com", true)]
    [TestCase("idn-hostname", "ab--cd.example", false)]
    [TestCase("idn-hostname", "a\u200db", false)]
    [TestCase("idn-hostname", "\u05d0\u05d1.example", true)]
    [TestCase("idn-hostname", "\u05d0\u05d1.0example", false)]
    [TestCase("idn-hostname", "\u05d0\u0301\u05d1", true)]
    [TestCase("idn-hostname", "\ufb01", false)]
    [TestCase("idn-hostname", "\u0661\u0662", false)]
    [TestCase("idn-hostname", "\u0628\u0661\u0662", true)]
    public void Host_names(string format, string value, bool expected) =>
        Assert.That(Check(format, value), Is.EqualTo(expected));

    [TestCase("ipv4", "01.2.3.4", false)]
    [TestCase("ipv4", "1.2.3", false)]
    [TestCase("ipv6", "1:2:3:4:5:6:7::", true)]
    [TestCase("ipv6", "::2:3:4:5:6:7:8", true)]
    [TestCase("ipv6", "1:2:3:4:5:6:7:8::", false)]
    [TestCase("ipv6", "1:2:3:4:5:6::1.2.3.4", false)]
    [TestCase("ipv6", "1:2:3:4:5::1.2.3.4", true)]
    [TestCase("ipv6", ":", false)]
    public void IP_addresses(string format, string value, bool expected) =>
        Assert.That(Check(format, value), Is.EqualTo(expected));

    [TestCase("uri", "http://[v1.x]/", true)]
    [TestCase("uri", "http://[v.x]/", false)]
    [TestCase("uri", "http://a:b@c:80/p?q/?#f/?", true)]
    [TestCase("uri", "http://host:/", true)]
    [TestCase("uri", "http://ho st/", false)]
    [TestCase("uri", "http://h/%", false)]
    [TestCase("uri", "http://h/#a#b", false)]
    [TestCase("iri", "http://h/?\U000F0000", true)]
    [TestCase("iri", "http://h/#\U000F0000", false)]
    [TestCase("iri", "http://h/\uFFFE", false)]
    [TestCase("iri-reference", "\u00e9:x", false)]
    [TestCase("uri-reference", "a/b:c", true)]
    public void URIs_and_IRIs(string format, string value, bool expected) =>
        Assert.That(Check(format, value), Is.EqualTo(expected));

    [TestCase("{var:1}", true)]
    [TestCase("{var:}", false)]
    [TestCase("{var*:1}", false)]
    [TestCase("{=var}", false)]
    [TestCase("{a}{b}", true)]
    [TestCase("{a{b}", false)]
    [TestCase("%4", false)]
    public void URI_templates(string value, bool expected) =>
        Assert.That(Check("uri-template", value), Is.EqualTo(expected));

    [TestCase("json-pointer", "/~01", true)]
    [TestCase("relative-json-pointer", "0#", true)]
    [TestCase("relative-json-pointer", "1/a~01", true)]
    [TestCase("relative-json-pointer", "0/", true)]
    [TestCase("uuid", "2eb8aa08-aa98-11ea-b4aa-73b441d1638g", false)]
    [TestCase("regex", "(?<a>x)|(?<a>y)", true)]
    [TestCase("regex", "\\p{Script=Thai}", true)]
    [TestCase("regex", "a{2,1}", false)]
    public void Pointers_identifiers_and_patterns(string format, string value, bool expected) =>
        Assert.That(Check(format, value), Is.EqualTo(expected));
}
