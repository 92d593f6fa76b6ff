using System.Text.Json;

namespace CoreRegistryClient.JsonSchema.Tests.Conformance;

/// <summary>One instance of one test group of the JSON-Schema-Test-Suite.</summary>
public sealed class SuiteCase
{
    internal SuiteCase(string draftDirectory, SchemaDraft draft, string file, int group, string groupDescription, JsonElement schema, string description, JsonElement data, bool valid, bool formatAssertion)
    {
        DraftDirectory = draftDirectory;
        Draft = draft;
        File = file;
        Group = group;
        GroupDescription = groupDescription;
        Schema = schema;
        Description = description;
        Data = data;
        Valid = valid;
        FormatAssertion = formatAssertion;
    }

    public string DraftDirectory { get; }

    public SchemaDraft Draft { get; }

    /// <summary>The file relative to the draft directory, without extension (e.g. <c>ref</c>, <c>optional/format/date</c>).</summary>
    public string File { get; }

    public int Group { get; }

    public string GroupDescription { get; }

    public JsonElement Schema { get; }

    public string Description { get; }

    public JsonElement Data { get; }

    public bool Valid { get; }

    public bool FormatAssertion { get; }

    public string Name => $"{DraftDirectory}/{File}: {GroupDescription} / {Description}";

    public override string ToString() => Name;
}
