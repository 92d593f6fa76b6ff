using System.Text;

namespace CoreRegistryClient.JsonSchema.Tests.Limits;

/// <summary>Issue 10 §7: memory for a huge instance is bounded per input byte — the parsed tape (16 bytes a token,
/// sized from the input rather than doubled) and <c>uniqueItems</c> (8 bytes an item) — and a thread keeps none of
/// it afterwards. Allocation is measured exactly (not time), on a fresh thread after one ordinary payload has warmed
/// its pooled working memory: the marginal cost of a huge payload.</summary>
[TestFixture]
public sealed class InstanceMemoryTests
{
    private static readonly JsonSchemaValidator s_warmUp = JsonSchemaValidator.Parse("""{"uniqueItems": true}""");
    private static readonly byte[] s_ordinary = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 40_000)) + "]");

    [Test]
    public void A_million_unique_integers_cost_at_most_four_bytes_per_input_byte()
    {
        var payload = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 1_000_000)) + "]");
        var validator = JsonSchemaValidator.Parse("""{"type": "array", "uniqueItems": true, "items": {"type": "integer"}}""");
        var (valid, allocated) = OnFreshThread(() => validator.IsValid(payload));

        Assert.Multiple(() =>
        {
            Assert.That(valid, Is.True);
            Assert.That((double)allocated / payload.Length, Is.LessThanOrEqualTo(4.0), $"{allocated:N0} bytes for {payload.Length:N0} input bytes");
        });
    }

    [Test]
    public void A_duplicate_in_a_huge_array_is_still_found()
    {
        var payload = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 200_000)) + ",199999.0]");
        var validator = JsonSchemaValidator.Parse("""{"uniqueItems": true}""");

        Assert.That(validator.IsValid(payload), Is.False);
    }

    [Test]
    public void Dense_small_tokens_stay_within_the_documented_tape_cost()
    {
        // "1," is the densest array: a token per two input bytes, the worst case for the tape.
        var payload = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("1", 500_000)) + "]");
        var validator = JsonSchemaValidator.Parse("""{"type": "array"}""");
        var (valid, allocated) = OnFreshThread(() => validator.IsValid(payload));

        Assert.Multiple(() =>
        {
            Assert.That(valid, Is.True);
            Assert.That((double)allocated / payload.Length, Is.LessThanOrEqualTo(9.0), $"{allocated:N0} bytes for {payload.Length:N0} input bytes");
        });
    }

    private static (bool Valid, long Allocated) OnFreshThread(Func<bool> validate)
    {
        var valid = false;
        long allocated = 0;
        var thread = new Thread(() =>
        {
            s_warmUp.IsValid(s_ordinary);
            var before = GC.GetAllocatedBytesForCurrentThread();
            valid = validate();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        thread.Start();
        thread.Join();
        return (valid, allocated);
    }
}
