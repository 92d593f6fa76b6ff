using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Tests.Registry;

public sealed class SchemaNameTests
{
    [TestCase("telemetry.FeedbackEvent", "telemetry.FeedbackEvent.schema")]
    [TestCase("telemetry.FeedbackEvent.schema", "telemetry.FeedbackEvent")]
    [TestCase(".schema", ".schema.schema")]
    public void The_alternate_spelling_adds_or_removes_the_suffix(string name, string alternate) =>
        Assert.That(SchemaName.Alternate(name), Is.EqualTo(alternate));

    [Test]
    public void Names_that_differ_only_by_the_suffix_are_the_same_schema()
    {
        Assert.That(SchemaName.AreSame("a.B", "a.B.schema"), Is.True);
        Assert.That(SchemaName.AreSame("a.B.schema", "a.B.schema"), Is.True);
        Assert.That(SchemaName.AreSame("a.B", "a.C.schema"), Is.False);
        Assert.That(SchemaName.Normalize("a.B.schema"), Is.EqualTo("a.B"));
        Assert.That(SchemaName.Normalize("a.B.Schema"), Is.EqualTo("a.B.Schema"), "the suffix is case-sensitive");
    }
}
