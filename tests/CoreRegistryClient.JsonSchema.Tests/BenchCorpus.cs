namespace CoreRegistryClient.JsonSchema.Tests;

/// <summary>The shared bench corpus: three realistic schemas with one valid and one invalid payload each.</summary>
internal static class BenchCorpus
{
    public const string FeedbackEvent = "telemetry.FeedbackEvent";
    public const string BarBatch = "md.BarBatch";
    public const string AllocationRequest = "portfolio.AllocationRequest";

    public static string[] Names { get; } = [FeedbackEvent, BarBatch, AllocationRequest];

    public static string Schema(string name) => File.ReadAllText(SharedFiles.Path("bench-corpus", "schemas", name + ".json"));

    public static byte[] Valid(string name) => File.ReadAllBytes(SharedFiles.Path("bench-corpus", "payloads", name + ".valid.json"));

    public static byte[] Invalid(string name) => File.ReadAllBytes(SharedFiles.Path("bench-corpus", "payloads", name + ".invalid.json"));

    public static JsonSchemaValidator Compile(string name, JsonSchemaOptions? options = null) => JsonSchemaValidator.Parse(Schema(name), options);
}
