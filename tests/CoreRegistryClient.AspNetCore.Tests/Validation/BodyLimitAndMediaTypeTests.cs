using System.Net;
using System.Net.Http.Headers;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;

namespace CoreRegistryClient.AspNetCore.Tests.Validation;

/// <summary>Only UTF-8 JSON bodies within the limit are validated: 413 and 415 in enforce, unvalidated passage in warn.</summary>
public class BodyLimitAndMediaTypeTests
{
    private static readonly Dictionary<string, string?> SmallLimit = new() { ["SchemaEnforcement:Http:MaxBodySize"] = "1024" };

    /// <summary>A raw endpoint: no typed body, so routing does not answer 415 itself and the handler reads the stream.</summary>
    private static Task<TestApp> RawAppAsync(string mode, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []) { ["REGISTRY_ENFORCEMENT"] = mode };
        return TestApp.StartAsync(a => a.MapPost("/raw", async (HttpRequest request) =>
        {
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy);
            return copy.Length;
        }).ValidateSchema(Schemas.Order), all);
    }

    [Test]
    public async Task A_declared_length_over_the_limit_gets_413_before_anything_is_read()
    {
        await using var app = await RawAppAsync("enforce", SmallLimit);
        var body = new CountingContent(100 * 1024 * 1024, chunked: false);
        using var response = await app.Client.PostAsync("/raw", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(ProblemSchemas.Parse(text).GetProperty("type").GetString(), Is.EqualTo(SchemaValidationProblemTypes.BodyTooLarge));
            Assert.That(ValidationHeader.Of(response)?["reason"], Is.EqualTo("too-large"));
        });
    }

    [Test]
    public async Task A_chunked_body_over_the_limit_gets_413_without_being_read_whole()
    {
        await using var app = await RawAppAsync("enforce", SmallLimit);
        var body = new CountingContent(100 * 1024 * 1024, chunked: true);
        using var response = await app.Client.PostAsync("/raw", body);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(body.BytesProduced, Is.LessThan(16 * 1024 * 1024), "the 100 MB body was not read whole");
        });
    }

    [Test]
    public async Task Warn_passes_a_body_over_the_limit_unvalidated_and_whole()
    {
        await using var app = await RawAppAsync("warn", SmallLimit);
        var payload = Schemas.Utf8("{\"order_id\":\"" + new string('x', 5000) + "\",\"quantity\":1,\"side\":\"buy\"}");
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/raw") { Content = new StreamContent(new MemoryStream(payload)) };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await app.Client.SendAsync(chunked);
        var header = ValidationHeader.Of(response);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(payload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(header?.Result, Is.EqualTo("not-validated"));
            Assert.That(header?["reason"], Is.EqualTo("too-large"));
        });
    }

    [TestCase("text/plain")]
    [TestCase("application/xml")]
    [TestCase("application/json; charset=utf-16")]
    public async Task A_body_that_is_not_utf8_json_gets_415_in_enforce(string contentType)
    {
        await using var app = await RawAppAsync("enforce");
        using var response = await app.PostAsync("/raw", Schemas.Valid, contentType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(ProblemSchemas.Parse(text).GetProperty("type").GetString(), Is.EqualTo(SchemaValidationProblemTypes.UnsupportedMediaType));
        });
    }

    [Test]
    public async Task A_body_without_a_content_type_gets_415_in_enforce()
    {
        await using var app = await RawAppAsync("enforce");
        using var response = await app.PostAsync("/raw", Schemas.Utf8(Schemas.Valid), contentType: null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [Test]
    public async Task Warn_passes_a_non_json_body_unvalidated()
    {
        await using var app = await RawAppAsync("warn");
        using var response = await app.PostAsync("/raw", "hello", "text/plain");
        var header = ValidationHeader.Of(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(header?.Result, Is.EqualTo("not-validated"));
            Assert.That(header?["reason"], Is.EqualTo("unsupported-media-type"));
        });
    }

    [TestCase("application/json")]
    [TestCase("application/vnd.orders+json")]
    [TestCase("application/problem+json; charset=utf-8")]
    [TestCase("Application/JSON; charset=UTF-8")]
    public async Task Json_media_types_are_validated(string contentType)
    {
        await using var app = await RawAppAsync("enforce");
        using var response = await app.PostAsync("/raw", Schemas.Invalid, contentType);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
    }

    [Test]
    public async Task A_typed_minimal_api_body_refused_by_routing_for_its_media_type_is_still_415()
    {
        await using var app = await TestApp.WithOrdersAsync();
        using var response = await app.PostAsync("/orders", Schemas.Valid, "text/plain");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    /// <summary>A body of <c>length</c> bytes of JSON-ish filler, produced on demand, counting what was pulled.</summary>
    private sealed class CountingContent(long length, bool chunked) : HttpContent
    {
        private long _produced;

        public long BytesProduced => Interlocked.Read(ref _produced);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var block = new byte[64 * 1024];
            Array.Fill(block, (byte)' ');
            for (long sent = 0; sent < length; sent += block.Length)
            {
                var count = (int)Math.Min(block.Length, length - sent);
                await stream.WriteAsync(block.AsMemory(0, count));
                Interlocked.Add(ref _produced, count);
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return !chunked;
        }
    }
}
