namespace CoreRegistryClient.JsonSchema.Tests.ErrorOutput;

/// <summary>Errors on properties of the root object that the schema declares take their instance location from the
/// schema (a string built once per validator); everything else is located by walking the instance. Both must give the
/// same text for every name, however it is written.</summary>
[TestFixture]
public sealed class RootPropertyLocationTests
{
    private static readonly JsonSchemaValidator s_validator = JsonSchemaValidator.Parse("""
        {"properties": {
           "plain": {"type": "string"}, "a/b": {"type": "string"}, "c~d": {"type": "string"}, "~/~1": {"type": "string"},
           "ü": {"type": "string"}, "日本": {"type": "string"}, "": {"type": "string"}, "tab\t": {"type": "string"},
           "nested": {"properties": {"plain": {"type": "string"}, "a/b": {"type": "string"}}}},
         "additionalProperties": {"type": "string"},
         "propertyNames": {"maxLength": 6}}
        """);

    [Test]
    public void Declared_and_undeclared_root_properties_are_located_exactly()
    {
        var locations = s_validator.Validate("""
            {"plain": 1, "a/b": 2, "c~d": 3, "~/~1": 4, "ü": 5, "日本": 6, "": 7, "tab\t": 8,
             "undeclared": 9, "x/y~": 10, "é": 11, "nested": {"plain": 12, "a/b": 13}}
            """).Errors.Select(e => e.InstanceLocation);

        Assert.That(locations, Is.EqualTo(new[]
        {
            "/plain", "/a~1b", "/c~0d", "/~0~1~01", "/ü", "/日本", "/", "/tab\t",
            "/undeclared", "/x~1y~0", "/é", "/nested/plain", "/nested/a~1b",
            "/undeclared", // propertyNames, at the property
        }));
    }

    [Test]
    public void Declared_names_written_with_escapes_are_located_as_they_decode()
    {
        var locations = s_validator.Validate("""{"\u0070lain": 1, "a\/b": 2, "c\u007ed": 3, "\u00fc": 4, "\u65e5\u672c": 5}""")
            .Errors.Select(e => e.InstanceLocation);

        Assert.That(locations, Is.EqualTo(new[] { "/plain", "/a~1b", "/c~0d", "/ü", "/日本" }));
    }

    [Test]
    public void Properties_applied_to_the_root_in_place_are_located_from_the_schema_and_deeper_ones_by_the_walk()
    {
        var validator = JsonSchemaValidator.Parse("""
            {"$ref": "#/$defs/root", "allOf": [{"properties": {"b": {"maximum": 0}}}],
             "$defs": {"root": {"properties": {"a": {"maximum": 0}, "deep": {"properties": {"a": {"maximum": 0}, "b": {"maximum": 0}}}}}}}
            """);

        var locations = validator.Validate("""{"deep": {"b": 1, "a": 1}, "b": 1, "a": 1}""").Errors.Select(e => e.InstanceLocation);

        // $ref runs before allOf, so "/b" comes after "/a", behind where the walk over the root stopped.
        Assert.That(locations, Is.EqualTo(new[] { "/deep/b", "/deep/a", "/a", "/b" }));
    }

    [Test]
    public void A_root_array_is_located_by_index()
    {
        var validator = JsonSchemaValidator.Parse("""{"properties": {"0": {"type": "string"}}, "items": {"properties": {"0": {"type": "string"}}}}""");

        var locations = validator.Validate("""[{"0": 1}, {"1": 2}, {"0": 3}]""").Errors.Select(e => e.InstanceLocation);

        Assert.That(locations, Is.EqualTo(new[] { "/0/0", "/2/0" }));
    }

    [Test]
    public void A_declared_root_property_shares_one_location_string_across_validations_and_keeps_its_text()
    {
        var validator = BenchCorpus.Compile(BenchCorpus.FeedbackEvent);
        var payload = BenchCorpus.Invalid(BenchCorpus.FeedbackEvent);

        var first = validator.Validate(payload).Errors;
        var firstLocations = first.Select(e => e.InstanceLocation).ToList();
        _ = validator.Validate("""{"capacity": 0, "level": "off", "ts": "x", "queue_size": 1.5}"""u8.ToArray());
        var second = validator.Validate(payload).Errors;

        Assert.Multiple(() =>
        {
            Assert.That(first.Select(e => e.InstanceLocation), Is.EqualTo(new[] { "/queue_size", "/level", "" }));
            Assert.That(first.Select(e => e.InstanceLocation), Is.EqualTo(firstLocations), "unchanged by later validations");
            Assert.That(second[0].InstanceLocation, Is.SameAs(first[0].InstanceLocation), "/queue_size");
            Assert.That(second[1].InstanceLocation, Is.SameAs(first[1].InstanceLocation), "/level, through $ref");
        });
    }
}
