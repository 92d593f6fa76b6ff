using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient;

/// <summary>The shared bench corpus (<c>../shared/bench-corpus</c>): three realistic schemas with one valid and one
/// invalid payload each. One home for the benchmarks and the engine tests (linked there); each project says where
/// the corpus is (<see cref="LocateRoot"/>), so both measure and test the same files.</summary>
internal static partial class BenchCorpus
{
    public const string FeedbackEvent = "telemetry.FeedbackEvent";
    public const string BarBatch = "md.BarBatch";
    public const string AllocationRequest = "portfolio.AllocationRequest";

    private static readonly Lazy<string> s_root = new(LocateRoot);

    /// <summary>The bench-corpus schema names.</summary>
    public static string[] Names { get; } = [FeedbackEvent, BarBatch, AllocationRequest];

    public static string SchemaPath(string name) => Path.Combine(s_root.Value, "schemas", name + ".json");

    public static byte[] Schema(string name) => File.ReadAllBytes(SchemaPath(name));

    public static string SchemaText(string name) => File.ReadAllText(SchemaPath(name));

    public static byte[] Payload(string name, bool valid) =>
        File.ReadAllBytes(Path.Combine(s_root.Value, "payloads", $"{name}.{(valid ? "valid" : "invalid")}.json"));

    public static byte[] Valid(string name) => Payload(name, valid: true);

    public static byte[] Invalid(string name) => Payload(name, valid: false);

    /// <summary>Compiles a corpus schema with our engine.</summary>
    public static JsonSchemaValidator Compile(string name, JsonSchemaOptions? options = null) => JsonSchemaValidator.Parse(SchemaText(name), options);

    /// <summary>The folder holding <c>schemas/</c> and <c>payloads/</c>.</summary>
    private static partial string LocateRoot();
}
