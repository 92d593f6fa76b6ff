using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Tests.Registry;

public sealed class SchemaNamesTests
{
    [TestCase("telemetry.FeedbackEvent", "telemetry.FeedbackEvent.schema")]
    [TestCase("telemetry.FeedbackEvent.schema", "telemetry.FeedbackEvent")]
    [TestCase(".schema", ".schema.schema")]
    public void The_alternate_spelling_adds_or_removes_the_suffix(string name, string alternate) =>
        Assert.That(SchemaNames.Alternate(name), Is.EqualTo(alternate));

    [TestCase("a.B.schema", "a.B")]
    [TestCase("a.B", "a.B")]
    [TestCase("a.B.Schema", "a.B.Schema")]
    [TestCase("a.B.SCHEMA", "a.B.SCHEMA")]
    [TestCase(".schema", ".schema")]
    public void The_canonical_name_drops_exactly_a_lowercase_suffix_and_never_empties_a_name(string name, string canonical)
    {
        Assert.That(SchemaNames.Canonical(name), Is.EqualTo(canonical));
        Assert.That(SchemaNames.Trim(name).ToString(), Is.EqualTo(canonical), "the span form agrees with the string form");
    }

    [Test]
    public void A_name_without_the_suffix_is_its_own_canonical_form_without_a_copy()
    {
        const string name = "telemetry.FeedbackEvent";
        Assert.That(SchemaNames.Canonical(name), Is.SameAs(name));
    }

    [Test]
    public void Names_that_differ_only_by_the_suffix_are_the_same_schema()
    {
        Assert.That(SchemaNames.Same("a.B", "a.B.schema"), Is.True);
        Assert.That(SchemaNames.Same("a.B.schema", "a.B.schema"), Is.True);
        Assert.That(SchemaNames.Same("a.B", "a.C.schema"), Is.False);
        Assert.That(SchemaNames.Same("a.B", "a.B.Schema"), Is.False, "the suffix is case-sensitive");
    }
}
