using System.Text.Json;
using CoreRegistryClient.Drift;

namespace CoreRegistryClient.Tests.Drift;

public class SchemaChangeClassifierTests
{
    private const string Base = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["id", "level"],
          "properties": {
            "id": { "type": "string", "pattern": "^[a-z]+$", "description": "The id." },
            "level": { "type": "string", "enum": ["ok", "soft", "hard"] },
            "size": { "type": "integer", "minimum": 0, "maximum": 100 },
            "note": { "type": ["string", "null"], "maxLength": 200 },
            "tags": { "type": "array", "items": { "type": "string" }, "minItems": 1 }
          },
          "$defs": { "Bar": { "type": "object", "properties": { "a/b~c": { "type": "number" } } } }
        }
        """;

    private static IReadOnlyList<SchemaChange> Diff(string before, string after)
    {
        using var b = JsonDocument.Parse(before);
        using var a = JsonDocument.Parse(after);
        return SchemaChangeClassifier.Diff(b.RootElement, a.RootElement);
    }

    /// <summary>Base with one JSON edit applied: the value at a path replaced, added or (null) removed.</summary>
    private static string Edit(string path, string? json, string schema = Base)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(schema)!;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = root;
        foreach (var part in parts[..^1])
        {
            parent = parent is System.Text.Json.Nodes.JsonArray array ? array[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : parent[part]!;
        }

        var last = parts[^1];
        if (json is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = System.Text.Json.Nodes.JsonNode.Parse(json);
        }

        return root.ToJsonString();
    }

    private static SchemaChange Single(IReadOnlyList<SchemaChange> changes)
    {
        Assert.That(changes, Has.Count.EqualTo(1), string.Join("\n", changes));
        return changes[0];
    }

    [Test]
    public void Identical_schemas_have_no_changes()
    {
        Assert.That(Diff(Base, Base), Is.Empty);
    }

    [Test]
    public void Key_order_and_number_spelling_are_not_changes()
    {
        Assert.That(Diff("""{"minimum":1,"type":"integer"}""", """{"type":"integer","minimum":1.0}"""), Is.Empty);
    }

    [Test]
    public void Required_property_added_is_breaking()
    {
        var after = Edit("/properties/source", """{"type":"string"}""", Edit("/required", """["id","level","source"]"""));

        var change = Single(Diff(Base, after));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.RequiredPropertyAdded));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Breaking));
        Assert.That(change.Location, Is.EqualTo("/properties/source"));
    }

    [Test]
    public void Existing_property_made_required_is_breaking()
    {
        var change = Single(Diff(Base, Edit("/required", """["id","level","size"]""")));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.PropertyMadeRequired));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Breaking));
        Assert.That(change.Location, Is.EqualTo("/required"));
    }

    [Test]
    public void Optional_property_added_is_benign()
    {
        var change = Single(Diff(Base, Edit("/properties/venue", """{"type":"string"}""")));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.OptionalPropertyAdded));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Benign));
        Assert.That(change.Location, Is.EqualTo("/properties/venue"));
    }

    [Test]
    public void Property_removed_while_additional_properties_is_false_is_breaking()
    {
        var change = Single(Diff(Base, Edit("/properties/note", null)));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.PropertyRemoved));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Breaking));
        Assert.That(change.Location, Is.EqualTo("/properties/note"));
    }

    [Test]
    public void Property_removed_while_additional_properties_are_allowed_is_benign()
    {
        var open = Edit("/additionalProperties", null);

        var change = Single(Diff(open, Edit("/properties/note", null, open)));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.PropertyRemoved));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Benign));
    }

    [Test]
    public void Required_property_removed_while_open_is_reported_once_as_benign()
    {
        var open = Edit("/additionalProperties", null);
        var after = Edit("/properties/level", null, Edit("/required", """["id"]""", open));

        var change = Single(Diff(open, after));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.PropertyRemoved));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Benign));
    }

    [Test]
    public void Additional_properties_forbidden_is_breaking_and_allowed_again_is_benign()
    {
        var open = Edit("/additionalProperties", null);

        Assert.That(Single(Diff(open, Base)).Kind, Is.EqualTo(SchemaChangeKinds.AdditionalPropertiesRestricted));
        Assert.That(Single(Diff(open, Base)).Classification, Is.EqualTo(ChangeClassification.Breaking));
        Assert.That(Single(Diff(Base, open)).Kind, Is.EqualTo(SchemaChangeKinds.AdditionalPropertiesRelaxed));
        Assert.That(Single(Diff(Base, open)).Classification, Is.EqualTo(ChangeClassification.Benign));
    }

    [TestCase("\"integer\"", "\"string\"", ChangeClassification.Breaking, SchemaChangeKinds.TypeNarrowed)]
    [TestCase("\"integer\"", "[\"integer\",\"null\"]", ChangeClassification.Benign, SchemaChangeKinds.TypeWidened)]
    [TestCase("\"integer\"", "\"number\"", ChangeClassification.Benign, SchemaChangeKinds.TypeWidened)]
    public void Type_changes_on_size(string before, string after, ChangeClassification classification, string kind)
    {
        var b = Edit("/properties/size/type", before);

        var change = Single(Diff(b, Edit("/properties/size/type", after, b)));

        Assert.That(change.Classification, Is.EqualTo(classification));
        Assert.That(change.Kind, Is.EqualTo(kind));
        Assert.That(change.Location, Is.EqualTo("/properties/size/type"));
    }

    [Test]
    public void Type_narrowed_is_breaking()
    {
        var change = Single(Diff(Base, Edit("/properties/note/type", "\"string\"")));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.TypeNarrowed));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Breaking));
        Assert.That(change.Description, Does.Contain("null"));
    }

    [Test]
    public void Number_narrowed_to_integer_is_breaking()
    {
        var b = Edit("/properties/size/type", "\"number\"");

        Assert.That(Single(Diff(b, Edit("/properties/size/type", "\"integer\"", b))).Kind, Is.EqualTo(SchemaChangeKinds.TypeNarrowed));
    }

    [Test]
    public void Enum_value_removed_is_breaking()
    {
        var change = Single(Diff(Base, Edit("/properties/level/enum", """["ok","soft"]""")));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.EnumValueRemoved));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Breaking));
        Assert.That(change.Location, Is.EqualTo("/properties/level/enum"));
        Assert.That(change.Description, Does.Contain("\"hard\""));
    }

    [Test]
    public void Enum_value_added_is_benign()
    {
        var change = Single(Diff(Base, Edit("/properties/level/enum", """["ok","soft","hard","critical"]""")));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.EnumValueAdded));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Benign));
    }

    [TestCase("/properties/size/minimum", "1", SchemaChangeKinds.BoundTightened, ChangeClassification.Breaking)]
    [TestCase("/properties/size/maximum", "50", SchemaChangeKinds.BoundTightened, ChangeClassification.Breaking)]
    [TestCase("/properties/note/maxLength", "100", SchemaChangeKinds.BoundTightened, ChangeClassification.Breaking)]
    [TestCase("/properties/tags/maxItems", "10", SchemaChangeKinds.BoundTightened, ChangeClassification.Breaking)]
    [TestCase("/properties/size/exclusiveMinimum", "0", SchemaChangeKinds.BoundTightened, ChangeClassification.Breaking)]
    [TestCase("/properties/size/multipleOf", "5", SchemaChangeKinds.BoundTightened, ChangeClassification.Breaking)]
    [TestCase("/properties/tags/uniqueItems", "true", SchemaChangeKinds.BoundTightened, ChangeClassification.Breaking)]
    [TestCase("/properties/size/minimum", "-10", SchemaChangeKinds.BoundWidened, ChangeClassification.Benign)]
    [TestCase("/properties/size/maximum", "1000", SchemaChangeKinds.BoundWidened, ChangeClassification.Benign)]
    [TestCase("/properties/note/maxLength", "500", SchemaChangeKinds.BoundWidened, ChangeClassification.Benign)]
    [TestCase("/properties/tags/minItems", "0", SchemaChangeKinds.BoundWidened, ChangeClassification.Benign)]
    [TestCase("/properties/size/maximum", null, SchemaChangeKinds.BoundWidened, ChangeClassification.Benign)]
    public void Bounds(string path, string? value, string kind, ChangeClassification classification)
    {
        var change = Single(Diff(Base, Edit(path, value)));

        Assert.That(change.Kind, Is.EqualTo(kind));
        Assert.That(change.Classification, Is.EqualTo(classification));
        Assert.That(change.Location, Is.EqualTo(path));
    }

    [Test]
    public void MultipleOf_relaxed_to_a_divisor_is_benign_and_to_a_non_divisor_is_breaking()
    {
        var b = Edit("/properties/size/multipleOf", "10");

        Assert.That(Single(Diff(b, Edit("/properties/size/multipleOf", "5", b))).Classification, Is.EqualTo(ChangeClassification.Benign));
        Assert.That(Single(Diff(b, Edit("/properties/size/multipleOf", "3", b))).Classification, Is.EqualTo(ChangeClassification.Breaking));
    }

    [Test]
    public void Pattern_added_is_breaking()
    {
        var change = Single(Diff(Base, Edit("/properties/note/pattern", "\"^[A-Z]\"")));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.PatternAdded));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Breaking));
        Assert.That(change.Location, Is.EqualTo("/properties/note/pattern"));
    }

    [Test]
    public void Pattern_changed_is_breaking_and_removed_is_benign()
    {
        Assert.That(Single(Diff(Base, Edit("/properties/id/pattern", "\"^[a-z0-9]+$\""))).Kind, Is.EqualTo(SchemaChangeKinds.PatternChanged));
        Assert.That(Single(Diff(Base, Edit("/properties/id/pattern", null))).Classification, Is.EqualTo(ChangeClassification.Benign));
    }

    [Test]
    public void Format_added_is_breaking()
    {
        var change = Single(Diff(Base, Edit("/properties/id/format", "\"uuid\"")));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.FormatAdded));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Breaking));
    }

    [Test]
    public void Description_changed_is_benign()
    {
        var change = Single(Diff(Base, Edit("/properties/id/description", "\"The identifier.\"")));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.DescriptionChanged));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Benign));
        Assert.That(change.Location, Is.EqualTo("/properties/id/description"));
    }

    [Test]
    public void Title_and_unknown_keywords_are_benign_annotations()
    {
        var changes = Diff(Base, Edit("/x-owner", "\"store\"", Edit("/title", "\"Feedback\"")));

        Assert.That(changes.Select(c => c.Kind), Is.All.EqualTo(SchemaChangeKinds.AnnotationChanged));
        Assert.That(SchemaChangeClassifier.Classify(changes), Is.EqualTo(ChangeClassification.Benign));
    }

    [Test]
    public void Changes_inside_definitions_and_items_have_escaped_pointers()
    {
        // The member "a/b~c" cannot go through Edit's '/'-split path, so the nodes are edited directly.
        var node = System.Text.Json.Nodes.JsonNode.Parse(Base)!;
        node["$defs"]!["Bar"]!["properties"]!["a/b~c"]!["minimum"] = 1;
        node["properties"]!["tags"]!["items"]!["maxLength"] = 8;

        var changes = Diff(Base, node.ToJsonString());

        Assert.That(changes.Select(c => c.Location), Is.EquivalentTo(new[] { "/$defs/Bar/properties/a~1b~0c/minimum", "/properties/tags/items/maxLength" }));
        Assert.That(changes.Select(c => c.Kind), Is.All.EqualTo(SchemaChangeKinds.BoundTightened));
    }

    [Test]
    public void One_breaking_change_makes_the_whole_diff_breaking()
    {
        var after = Edit("/properties/venue", """{"type":"string"}""", Edit("/properties/level/enum", """["ok"]"""));

        var changes = Diff(Base, after);

        Assert.That(changes, Has.Count.EqualTo(2));
        Assert.That(SchemaChangeClassifier.Classify(changes), Is.EqualTo(ChangeClassification.Breaking));
    }

    [Test]
    public void Reference_retargeted_is_breaking_because_it_cannot_be_judged()
    {
        var b = """{"properties":{"x":{"$ref":"#/$defs/A"}}}""";
        var a = """{"properties":{"x":{"$ref":"#/$defs/B"}}}""";

        var change = Single(Diff(b, a));

        Assert.That(change.Kind, Is.EqualTo(SchemaChangeKinds.ReferenceChanged));
        Assert.That(change.Classification, Is.EqualTo(ChangeClassification.Breaking));
    }

    [Test]
    public void AnyOf_alternative_added_is_benign_and_oneOf_branch_added_is_breaking()
    {
        Assert.That(Single(Diff("""{"anyOf":[{"type":"string"}]}""", """{"anyOf":[{"type":"string"},{"type":"null"}]}""")).Classification, Is.EqualTo(ChangeClassification.Benign));
        Assert.That(Single(Diff("""{"oneOf":[{"type":"string"}]}""", """{"oneOf":[{"type":"string"},{"type":"null"}]}""")).Classification, Is.EqualTo(ChangeClassification.Breaking));
    }

    [Test]
    public void Schema_turned_false_is_breaking_and_turned_true_is_benign()
    {
        Assert.That(Single(Diff("""{"properties":{"x":{"type":"string"}}}""", """{"properties":{"x":false}}""")).Kind, Is.EqualTo(SchemaChangeKinds.SchemaForbidden));
        Assert.That(Single(Diff("""{"properties":{"x":{"type":"string"}}}""", """{"properties":{"x":true}}""")).Classification, Is.EqualTo(ChangeClassification.Benign));
    }
}
