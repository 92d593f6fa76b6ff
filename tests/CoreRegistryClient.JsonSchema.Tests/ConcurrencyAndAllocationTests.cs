namespace CoreRegistryClient.JsonSchema.Tests;

/// <summary>One compiled validator serves many threads, and a valid payload costs no allocation in flag mode.</summary>
[TestFixture]
public sealed class ConcurrencyAndAllocationTests
{
    [Test]
    public void Parallel_validations_on_one_validator_agree_with_sequential_ones()
    {
        var validators = BenchCorpus.Names.Select(n => BenchCorpus.Compile(n)).ToArray();
        var payloads = BenchCorpus.Names.SelectMany(n => new[] { BenchCorpus.Valid(n), BenchCorpus.Invalid(n) }).ToArray();
        var expected = validators.Select(v => payloads.Select(p => Summary(v.Validate(p))).ToArray()).ToArray();
        var mismatches = 0;

        Parallel.For(0, 3000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var v = i % validators.Length;
            var p = i / validators.Length % payloads.Length;
            var summary = i % 2 == 0 ? Summary(validators[v].Validate(payloads[p])) : validators[v].IsValid(payloads[p]).ToString();
            var reference = i % 2 == 0 ? expected[v][p] : expected[v][p].StartsWith("True", StringComparison.Ordinal).ToString();
            if (summary != reference)
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.That(mismatches, Is.Zero);
    }

    [Test]
    public void Validating_a_valid_payload_allocates_nothing_in_any_output()
    {
        foreach (var name in BenchCorpus.Names)
        {
            var validator = BenchCorpus.Compile(name);
            var payload = BenchCorpus.Valid(name);
            for (var i = 0; i < 20; i++)
            {
                _ = validator.IsValid(payload);
                _ = validator.Validate(payload, OutputFormat.Flag);
                _ = validator.Validate(payload, OutputFormat.List);
                _ = validator.Validate(payload, OutputFormat.ListIfInvalid);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            var valid = true;
            for (var i = 0; i < 200; i++)
            {
                valid &= validator.IsValid(payload);
                valid &= validator.Validate(payload, OutputFormat.Flag).IsValid;
                valid &= validator.Validate(payload, OutputFormat.List).IsValid;
                valid &= ReferenceEquals(validator.Validate(payload, OutputFormat.ListIfInvalid), ValidationResult.Valid);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Multiple(() =>
            {
                Assert.That(valid, Is.True, name);
                Assert.That(allocated, Is.Zero, name);
            });
        }
    }

    [Test]
    public void Asserting_formats_on_a_valid_payload_allocates_nothing()
    {
        var validator = BenchCorpus.Compile(BenchCorpus.AllocationRequest, new JsonSchemaOptions { FormatAssertion = true });
        var payload = BenchCorpus.Valid(BenchCorpus.AllocationRequest);
        for (var i = 0; i < 20; i++)
        {
            _ = validator.IsValid(payload);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var valid = true;
        for (var i = 0; i < 200; i++)
        {
            valid &= validator.IsValid(payload);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(valid, Is.True);
            Assert.That(allocated, Is.Zero);
            Assert.That(validator.IsValid(System.Text.Encoding.UTF8.GetString(payload).Replace("2025-10-18T19:34:05Z", "2025-13-18T19:34:05Z", StringComparison.Ordinal)), Is.False);
        });
    }

    [Test]
    public void List_output_builds_each_failing_keywords_message_once_and_reuses_it()
    {
        var validator = JsonSchemaValidator.Parse("""
            {"type": "object", "required": ["id", "name"], "dependentRequired": {"a": ["b"]},
             "properties": {"n": {"minimum": 0, "maximum": 10}, "s": {"maxLength": 2, "pattern": "^x"}, "l": {"minItems": 2}}}
            """);
        const string Payload = """{"a": 1, "n": -1, "s": "abc", "l": [1]}""";

        var first = validator.Validate(Payload).Errors;
        var second = validator.Validate(Payload).Errors;

        Assert.Multiple(() =>
        {
            Assert.That(second.Select(e => e.Keyword), Is.EquivalentTo(new[] { "required", "required", "dependentRequired", "minimum", "maxLength", "pattern", "minItems" }));
            Assert.That(second.Select(e => e.Message), Is.EqualTo(first.Select(e => e.Message)));
            for (var i = 0; i < first.Count; i++)
            {
                Assert.That(second[i].Message, Is.SameAs(first[i].Message), $"the {first[i].Keyword} message");
            }
        });
    }

    [Test]
    public void List_output_reuses_locations_through_references_and_at_a_repeatedly_failing_value()
    {
        var validator = BenchCorpus.Compile(BenchCorpus.AllocationRequest);
        var payload = BenchCorpus.Invalid(BenchCorpus.AllocationRequest);

        var first = validator.Validate(payload).Errors;
        var second = validator.Validate(payload).Errors;

        var throughReferences = Enumerable.Range(0, first.Count).Where(i => first[i].KeywordLocation.Contains("/$ref/", StringComparison.Ordinal)).ToList();
        var strategy = second.Where(e => e.InstanceLocation == "/strategy").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(second.Select(e => e.KeywordLocation), Is.EqualTo(first.Select(e => e.KeywordLocation)));
            Assert.That(throughReferences, Has.Count.GreaterThanOrEqualTo(5));
            foreach (var i in throughReferences)
            {
                Assert.That(second[i].KeywordLocation, Is.SameAs(first[i].KeywordLocation), first[i].KeywordLocation);
            }

            // oneOf's two "required" errors and its own error all sit at /strategy: one string.
            Assert.That(strategy, Has.Count.EqualTo(3));
            Assert.That(strategy.Select(e => e.InstanceLocation).Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(1));
        });
    }

    private static string Summary(ValidationResult result)
        => result.IsValid + "|" + string.Join(";", result.Errors.Select(e => e.InstanceLocation + "@" + e.KeywordLocation));
}
