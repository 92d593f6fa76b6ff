using System.Text;

namespace CoreRegistryClient.JsonSchema.Tests.ErrorOutput;

/// <summary>Instance locations when consecutive errors share part of their path, part at different depths, or come
/// back to a place already passed: list output reuses the text of the path the last location shares with the next
/// one, so each must still be exactly its own.</summary>
[TestFixture]
public sealed class InstanceLocationTests
{
    private static readonly JsonSchemaValidator s_validator = JsonSchemaValidator.Parse("""
        {"properties": {
           "a": {"properties": {"b": {"items": {"type": "string"}}, "c": {"type": "string"}}, "required": ["z"]},
           "d": {"additionalProperties": {"items": {"maximum": 0}}},
           "e": {"propertyNames": {"maxLength": 2}},
           "f": {"items": {"items": {"type": "string"}}}}}
        """);

    [Test]
    public void Each_error_is_located_exactly_where_it_occurs()
    {
        var payload = Encoding.UTF8.GetBytes("""
            {"a": {"b": ["x", 1, 2, "y", 3], "c": 4},
             "d": {"a/b": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5], "\u00fc~": [7], "a\/b~": [0, 8]},
             "e": {"long": 1, "ok": 2, "longer": 3},
             "f": [[1], ["s", 2], [], [3, 4]]}
            """);

        var locations = s_validator.Validate(payload).Errors.Select(e => e.InstanceLocation);

        Assert.That(locations, Is.EqualTo(new[]
        {
            "/a", "/a/b/1", "/a/b/2", "/a/b/4", "/a/c",
            "/d/a~1b/12", "/d/ü~0/0", "/d/a~1b~0/1",
            "/e/long", "/e/longer",
            "/f/0/0", "/f/1/1", "/f/3/0", "/f/3/1",
        }));
    }

    [Test]
    public void A_deep_location_is_rebuilt_after_shorter_ones_wrote_over_its_text()
    {
        // /x/y/z/w, then siblings of y with longer names (written where "/y/z/w" was), then /x/y, then /x/y/z/w again
        // once the recently built pointers no longer hold it.
        var validator = JsonSchemaValidator.Parse("""
            {"properties": {"x": {
               "properties": {"y": {"properties": {"z": {"properties": {"w": {"type": "string"}}}}},
                              "qqqqqqqq": {"type": "string"}, "e": {"type": "string"}, "f": {"type": "string"}},
               "allOf": [{"properties": {"y": {"type": "string"}}},
                         {"properties": {"y": {"properties": {"z": {"properties": {"w": {"maximum": 0}}}}}}}]}}}
            """);

        var locations = validator.Validate("""{"x": {"y": {"z": {"w": 1}}, "qqqqqqqq": 1, "e": 1, "f": 1}}""").Errors.Select(e => e.InstanceLocation);

        Assert.That(locations, Is.EqualTo(new[] { "/x/y/z/w", "/x/qqqqqqqq", "/x/e", "/x/f", "/x/y", "/x/y/z/w" }));
    }

    [Test]
    public void Indexes_of_one_to_five_digits_are_written_whole()
    {
        var validator = JsonSchemaValidator.Parse("""{"items": {"maximum": 0}}""");
        var items = new int[10_001];
        foreach (var i in new[] { 0, 9, 10, 99, 100, 1234, 10_000 })
        {
            items[i] = 1;
        }

        var locations = validator.Validate("[" + string.Join(",", items) + "]").Errors.Select(e => e.InstanceLocation);

        Assert.That(locations, Is.EqualTo(new[] { "/0", "/9", "/10", "/99", "/100", "/1234", "/10000" }));
    }

    [Test]
    public void A_later_validation_on_the_same_thread_locates_its_own_errors()
    {
        _ = s_validator.Validate("""{"a": {"b": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], "z": 0}}""");

        var locations = s_validator.Validate("""{"f": [[], [1]], "a": {"z": 0, "b": ["", 1]}}""").Errors.Select(e => e.InstanceLocation);

        Assert.That(locations, Is.EqualTo(new[] { "/f/1/0", "/a/b/1" }));
    }
}
