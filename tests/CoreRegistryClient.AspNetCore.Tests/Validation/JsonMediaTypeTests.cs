using CoreRegistryClient.AspNetCore.Validation;

namespace CoreRegistryClient.AspNetCore.Tests.Validation;

/// <summary>Which Content-Type values are validated as UTF-8 JSON, and that the common ones cost no allocation.</summary>
public class JsonMediaTypeTests
{
    [TestCase("application/json", true)]
    [TestCase("Application/JSON", true)]
    [TestCase("application/json; charset=utf-8", true)]
    [TestCase("application/json;charset=UTF-8", true)]
    [TestCase("application/json; charset=\"utf-8\"", true)]
    [TestCase("application/problem+json", true)]
    [TestCase("application/vnd.portfolio.v2+json; charset=utf8", true)]
    [TestCase("application/json; charset=utf-16", false)]
    [TestCase("application/jsonx", false)]
    [TestCase("text/plain", false)]
    [TestCase("not a media type", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void Only_utf8_json_media_types_are_validated(string? contentType, bool validated) =>
        Assert.That(JsonMediaType.IsUtf8Json(contentType), Is.EqualTo(validated));

    [TestCase("application/json")]
    [TestCase("application/json; charset=utf-8")]
    public void The_common_json_content_types_are_recognised_without_allocating(string contentType)
    {
        // A fresh string, as the server hands over each request's header value.
        var value = new string(contentType.AsSpan());
        JsonMediaType.IsUtf8Json(value);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var validated = JsonMediaType.IsUtf8Json(value);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(validated, Is.True);
            Assert.That(allocated, Is.Zero);
        });
    }
}
