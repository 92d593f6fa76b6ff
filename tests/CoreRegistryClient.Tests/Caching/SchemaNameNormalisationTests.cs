using CoreRegistryClient.Tests.TestSupport;

namespace CoreRegistryClient.Tests.Caching;

/// <summary>The <c>.schema</c> suffix is normalised once, at the manager: one cache entry, one policy override, no
/// allocation on the hot path.</summary>
public class SchemaNameNormalisationTests
{
    private static readonly byte[] Valid = TestSchemas.Utf8(TestSchemas.ValidPayload);
    private static readonly byte[] Invalid = TestSchemas.Utf8(TestSchemas.InvalidPayload);

    [Test]
    public void Both_spellings_share_one_entry_and_one_override()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { [$"SchemaEnforcement:Overrides:{TestSchemas.Name}.schema"] = "strict" });
        harness.Manager.Validate(TestSchemas.Name, Valid);
        harness.Manager.Validate(TestSchemas.Name + ".schema", Valid);
        Assert.Multiple(() =>
        {
            Assert.That(harness.Cache.Entries.Select(e => e.Name), Is.EqualTo(new[] { TestSchemas.Name }));
            Assert.That(harness.Registry.SchemaRequests, Is.EqualTo(2), "one load (v2 miss, v1 hit), not one per spelling");
            Assert.That(() => harness.Manager.Validate(TestSchemas.Name, Invalid), Throws.TypeOf<CoreRegistryClient.Enforcement.SchemaValidationException>(),
                "the override written with the suffix applies to the plain name");
            Assert.That(harness.Manager.Validate(TestSchemas.Name + ".schema", Valid).SchemaName, Is.EqualTo(TestSchemas.Name + ".schema"),
                "the outcome keeps the caller's spelling");
        });
    }

    [Test]
    public void A_suffixed_name_on_a_cached_schema_allocates_nothing()
    {
        using var harness = SchemaManagerHarness.Create();
        var manager = harness.Manager;
        const string name = TestSchemas.Name + ".schema";
        for (var i = 0; i < 2_000; i++) manager.Validate(name, Valid, "key-1");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++) manager.Validate(name, Valid, "key-1");
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
