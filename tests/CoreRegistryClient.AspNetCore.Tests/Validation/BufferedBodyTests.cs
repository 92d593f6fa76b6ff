using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using CoreRegistryClient.AspNetCore.Tests.TestSupport;
using CoreRegistryClient.AspNetCore.Validation;
using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.AspNetCore.Tests.Validation;

/// <summary>After validation the handler reads the buffered bytes, through <c>BodyReader</c> (what .NET 10's JSON
/// binding uses) or <c>Body</c>, with pipe semantics intact; and the per-request results that are shared between
/// requests (valid header, feature) still describe each request.</summary>
public class BufferedBodyTests
{
    private static readonly Dictionary<string, string?> Warn = new() { ["REGISTRY_ENFORCEMENT"] = "warn" };

    private static Task<TestApp> RawAppAsync(Func<HttpRequest, Task<string>> handler) =>
        TestApp.StartAsync(a => a.MapPost("/raw", (HttpRequest request) => handler(request)).ValidateSchema(Schemas.Order), Warn, kestrel: true);

    [Test]
    public async Task The_handler_reads_the_validated_body_whole_through_BodyReader()
    {
        await using var app = await RawAppAsync(async request =>
        {
            var reader = request.BodyReader;
            while (true)
            {
                var read = await reader.ReadAsync();
                if (read.IsCompleted) return Encoding.UTF8.GetString(read.Buffer);
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        });
        using var response = await app.PostAsync("/raw", Schemas.Valid);
        Assert.Multiple(async () =>
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(Schemas.Valid));
            Assert.That(ValidationHeader.Of(response)?.Result, Is.EqualTo("valid"));
        });
    }

    [Test]
    public async Task Body_and_BodyReader_continue_from_one_position()
    {
        await using var app = await RawAppAsync(async request =>
        {
            var head = new byte[5];
            var count = await request.Body.ReadAsync(head);
            var rest = await request.BodyReader.ReadAsync();
            var text = Encoding.UTF8.GetString(head, 0, count) + "|" + Encoding.UTF8.GetString(rest.Buffer);
            request.BodyReader.AdvanceTo(rest.Buffer.End);
            return text + "|" + (await request.Body.ReadAsync(head)).ToString(CultureInfo.InvariantCulture);
        });
        using var response = await app.PostAsync("/raw", Schemas.Valid);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(Schemas.Valid[..5] + "|" + Schemas.Valid[5..] + "|0"));
    }

    [Test]
    public async Task A_read_that_consumes_part_gets_the_rest_next_time()
    {
        await using var app = await RawAppAsync(async request =>
        {
            var first = await request.BodyReader.ReadAsync();
            request.BodyReader.AdvanceTo(first.Buffer.GetPosition(7));
            var second = await request.BodyReader.ReadAsync();
            return $"{first.Buffer.Length} {second.Buffer.Length} {second.IsCompleted} {Encoding.UTF8.GetString(second.Buffer)}";
        });
        using var response = await app.PostAsync("/raw", Schemas.Valid);
        var length = Encoding.UTF8.GetByteCount(Schemas.Valid);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo($"{length} {length - 7} True {Schemas.Valid[7..]}"));
    }

    [Test]
    public async Task A_canceled_pending_read_is_reported_once_then_reads_go_on()
    {
        using var body = await BufferAsync("{\"a\":1}");
        PipeReader reader = body;
        reader.CancelPendingRead();
        var canceled = await reader.ReadAsync();
        var next = await reader.ReadAsync();
        Assert.Multiple(() =>
        {
            Assert.That(canceled.IsCanceled, Is.True);
            Assert.That(next.IsCanceled, Is.False);
            Assert.That(next.IsCompleted, Is.True);
            Assert.That(next.Buffer.Length, Is.EqualTo(7));
        });
    }

    [Test]
    public async Task Reading_after_complete_or_after_the_request_ended_is_refused()
    {
        var completed = await BufferAsync("{\"a\":1}");
        completed.Complete();
        Assert.That(() => completed.TryRead(out _), Throws.InvalidOperationException);
        completed.Dispose();

        var ended = await BufferAsync("{\"a\":1}");
        ended.Dispose();
        // The pooled buffer went back: a late read must not see another request's bytes.
        Assert.That(() => ended.TryRead(out _), Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public async Task A_body_of_its_declared_length_is_read_without_asking_the_stream_for_its_end()
    {
        var context = new DefaultHttpContext();
        var payload = Schemas.Utf8(Schemas.Valid);
        var stream = new CountingReadsStream(payload);
        context.Request.Body = stream;
        context.Request.ContentLength = payload.Length;
        using var body = await RequestBody.ReadAsync(context.Request, 1024, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(body.Memory.ToArray(), Is.EqualTo(payload));
            Assert.That(stream.Reads, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Valid_requests_in_and_out_of_the_canary_slice_each_get_their_own_header_and_feature()
    {
        var settings = new Dictionary<string, string?>
        {
            ["REGISTRY_ENFORCEMENT"] = "warn",
            ["SchemaEnforcement:Http:CanaryPercent"] = "50",
            ["SchemaEnforcement:Http:CanaryKeyHeader"] = "X-Client-Id",
        };
        await using var app = await TestApp.StartAsync(a => a.MapPost("/orders", (Order _, HttpContext context) =>
        {
            var feature = context.Features.Get<ISchemaValidationFeature>()!;
            return $"{feature.Mode} {feature.IsCanary} {feature.Outcome.Status}";
        }).ValidateSchema(Schemas.Order), settings);
        var inside = Enumerable.Range(0, 100).Select(i => "client-" + i.ToString(CultureInfo.InvariantCulture)).First(c => CanarySlice.Contains(c, 50));
        var outside = Enumerable.Range(0, 100).Select(i => "client-" + i.ToString(CultureInfo.InvariantCulture)).First(c => !CanarySlice.Contains(c, 50));
        // Alternating sides, twice each: the second request of a side is served from what the first one built.
        foreach (var client in new[] { inside, outside, inside, outside })
        {
            using var response = await app.PostAsync("/orders", Schemas.Valid, headers: new Dictionary<string, string> { ["X-Client-Id"] = client });
            var canary = client == inside;
            var header = ValidationHeader.Of(response);
            Assert.Multiple(async () =>
            {
                Assert.That(await response.Content.ReadAsStringAsync(),
                    Is.EqualTo($"{(canary ? EnforcementMode.Strict : EnforcementMode.Warn)} {canary} {SchemaValidationStatus.Valid}"), client);
                Assert.That(header?["mode"], Is.EqualTo(canary ? "enforce" : "warn"), client);
                Assert.That(header?["canary"], canary ? Is.Not.Null : Is.Null, client);
            });
        }
    }

    [Test]
    public async Task After_a_mode_flip_valid_requests_report_the_new_mode()
    {
        await using var app = await TestApp.StartAsync(a => a.MapPost("/orders", (Order _, HttpContext context) =>
            context.Features.Get<ISchemaValidationFeature>()!.Mode.ToString()).ValidateSchema(Schemas.Order), Warn);
        using var before = await app.PostAsync("/orders", Schemas.Valid);
        var beforeText = await before.Content.ReadAsStringAsync();
        app.Reconfigure("SchemaEnforcement:Http:Mode", "enforce");
        using var after = await app.PostAsync("/orders", Schemas.Valid);
        Assert.Multiple(async () =>
        {
            Assert.That(beforeText, Is.EqualTo(EnforcementMode.Warn.ToString()));
            Assert.That(ValidationHeader.Of(before)?["mode"], Is.EqualTo("warn"));
            Assert.That(await after.Content.ReadAsStringAsync(), Is.EqualTo(EnforcementMode.Strict.ToString()));
            Assert.That(ValidationHeader.Of(after)?["mode"], Is.EqualTo("enforce"));
        });
    }

    private static async Task<RequestBody> BufferAsync(string json)
    {
        var context = new DefaultHttpContext();
        var payload = Schemas.Utf8(json);
        context.Request.Body = new MemoryStream(payload);
        context.Request.ContentLength = payload.Length;
        return await RequestBody.ReadAsync(context.Request, 1024, CancellationToken.None);
    }

    /// <summary>Counts the reads that reach it.</summary>
    private sealed class CountingReadsStream(byte[] bytes) : MemoryStream(bytes)
    {
        public int Reads { get; private set; }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            return base.ReadAsync(buffer, cancellationToken);
        }
    }
}
