using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Tests.Registry;

public sealed class RegistryUriTests
{
    [TestCase("http://registry:8080", "index", "http://registry:8080/index")]
    [TestCase("http://registry:8080/", "index", "http://registry:8080/index")]
    [TestCase("http://registry:8080/api/v1", "index", "http://registry:8080/api/v1/index")]
    [TestCase("http://registry:8080/api/v1/", "index", "http://registry:8080/api/v1/index")]
    [TestCase("https://registry/api/v1", "/schemas/v1/a.B?version=1.0.0", "https://registry/api/v1/schemas/v1/a.B?version=1.0.0")]
    [TestCase("http://registry/api/v1?tenant=x", "index", "http://registry/api/v1/index")]
    public void Paths_are_appended_below_the_base_path(string baseUrl, string relative, string expected)
    {
        var uri = RegistryUri.Combine(RegistryUri.TryParseBase(baseUrl)!, relative);

        Assert.That(uri.AbsoluteUri, Is.EqualTo(expected));
    }

    [Test]
    public void An_escaped_slash_in_a_segment_stays_escaped()
    {
        var uri = RegistryUri.Combine(new Uri("http://registry/api"), "schemas/v1/" + RegistryUri.Segment("a/b c"));

        Assert.That(uri.AbsoluteUri, Is.EqualTo("http://registry/api/schemas/v1/a%2Fb%20c"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("registry:8080")]
    [TestCase("/api/v1")]
    [TestCase("ftp://registry/api")]
    public void A_missing_or_non_http_url_is_rejected(string? url) =>
        Assert.That(RegistryUri.TryParseBase(url), Is.Null);
}
