using System.Text.Json;
using CoreRegistryClient.Drift;

namespace CoreRegistryClient.Tests.Drift;

public class DriftReportJsonTests
{
    private static DriftReport Sample() => new()
    {
        Track = "v1",
        RegistryUrl = "http://127.0.0.1:5000/api/v1",
        GeneratedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero),
        CanonicalForm = "jcs",
        RegistryAvailable = true,
        Schemas =
        [
            new SchemaDriftResult { Schema = "a.Synced", Status = DriftStatus.Synced, LocalSha = "11", RegistrySha = "11", LocalVersion = "1.0.0", RegistryVersion = "1.0.0" },
            new SchemaDriftResult
            {
                Schema = "b.Drifted", Status = DriftStatus.Drift, LocalSha = "22", RegistrySha = "33", LocalVersion = "1.0.0", RegistryVersion = "1.1.0",
                Classification = ChangeClassification.Breaking, DecidedBy = ClassificationSource.StructuralDiff,
                Changes = [new SchemaChange("/properties/x", SchemaChangeKinds.RequiredPropertyAdded, ChangeClassification.Breaking, "Required property 'x' was added.")],
            },
            new SchemaDriftResult { Schema = "c.Mismatch", Status = DriftStatus.VersionMismatch, LocalSha = "44", RegistrySha = "44", LocalVersion = "1.0.0", RegistryVersion = "1.0.1" },
            new SchemaDriftResult { Schema = "d.Gone", Status = DriftStatus.MissingInRegistry, LocalSha = "55" },
            new SchemaDriftResult { Schema = "e.New", Status = DriftStatus.MissingLocally, RegistryVersion = "0.1.0" },
        ],
    };

    [Test]
    public void Report_keeps_the_fields_dashboards_read_plus_the_new_ones()
    {
        using var json = JsonDocument.Parse(DriftReportJson.Serialize(Sample()));
        var root = json.RootElement;

        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[]
        {
            "track", "registry_url", "total_schemas", "synced", "drifted", "schemas", "generated_at", "canonical_form", "registry_available",
        }));
        Assert.That(root.GetProperty("track").GetString(), Is.EqualTo("v1"));
        Assert.That(root.GetProperty("registry_url").GetString(), Is.EqualTo("http://127.0.0.1:5000/api/v1"));
        Assert.That(root.GetProperty("total_schemas").GetInt32(), Is.EqualTo(5));
        Assert.That(root.GetProperty("synced").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("drifted").GetInt32(), Is.EqualTo(3));
        Assert.That(root.GetProperty("generated_at").GetString(), Is.EqualTo("2026-03-04T05:06:07+00:00"));
        Assert.That(root.GetProperty("canonical_form").GetString(), Is.EqualTo("jcs"));
        Assert.That(root.GetProperty("registry_available").GetBoolean(), Is.True);
    }

    [Test]
    public void Each_schema_line_has_the_agreed_fields_and_snake_case_values()
    {
        using var json = JsonDocument.Parse(DriftReportJson.Serialize(Sample()));
        var schemas = json.RootElement.GetProperty("schemas").EnumerateArray().ToList();

        foreach (var schema in schemas)
        {
            Assert.That(schema.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[]
            {
                "schema", "status", "local_sha", "registry_sha", "local_version", "registry_version", "classification", "changes",
            }));
        }

        Assert.That(schemas.Select(s => s.GetProperty("status").GetString()), Is.EqualTo(new[] { "synced", "drift", "version_mismatch", "missing_in_registry", "missing_locally" }));
        var drifted = schemas[1];
        Assert.That(drifted.GetProperty("classification").GetString(), Is.EqualTo("breaking"));
        Assert.That(drifted.GetProperty("decided_by").GetString(), Is.EqualTo("structural_diff"));
        var change = drifted.GetProperty("changes")[0];
        Assert.That(change.GetProperty("pointer").GetString(), Is.EqualTo("/properties/x"));
        Assert.That(change.GetProperty("kind").GetString(), Is.EqualTo("required_property_added"));
        Assert.That(change.GetProperty("classification").GetString(), Is.EqualTo("breaking"));
        Assert.That(schemas[0].GetProperty("classification").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(schemas[4].GetProperty("local_sha").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void Report_round_trips()
    {
        var original = Sample();

        var read = DriftReportJson.Deserialize(DriftReportJson.Serialize(original));

        Assert.That(read.Schemas.Select(s => (s.Schema, s.Status, s.Classification)), Is.EqualTo(original.Schemas.Select(s => (s.Schema, s.Status, s.Classification))));
        Assert.That((read.Track, read.GeneratedAt, read.Drifted, read.Synced), Is.EqualTo((original.Track, original.GeneratedAt, original.Drifted, original.Synced)));
        Assert.That(read.Schemas[1].Changes.Single(), Is.EqualTo(original.Schemas[1].Changes.Single()));
    }

    [Test]
    public void Writing_replaces_the_file_whole()
    {
        var path = Path.Combine(Path.GetTempPath(), $"drift_report.{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, "old content that is longer than nothing");

            DriftReportJson.Write(Sample(), path);

            Assert.That(DriftReportJson.Deserialize(File.ReadAllBytes(path)).TotalSchemas, Is.EqualTo(5));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.*.tmp"), Is.Empty);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
