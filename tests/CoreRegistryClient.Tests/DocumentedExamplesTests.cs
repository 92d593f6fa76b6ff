using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Tests.TestSupport;

namespace CoreRegistryClient.Tests;

/// <summary>The messages quoted in docs/ are the ones the SDK really produces.</summary>
public class DocumentedExamplesTests
{
    [Test]
    public void The_strict_mode_exception_message_in_the_sdk_guide_is_the_real_one()
    {
        using var harness = SchemaManagerHarness.Create(new Dictionary<string, string?> { ["REGISTRY_ENFORCEMENT"] = "strict" });
        var exception = Assert.Throws<SchemaValidationException>(() =>
            harness.Manager.Validate(TestSchemas.Name, TestSchemas.Utf8(TestSchemas.InvalidPayload)));

        Assert.That(RepositoryDocs.Read("sdk.md"), Does.Contain(exception!.Message));
    }
}
