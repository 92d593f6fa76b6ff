using System.Reflection;

namespace CoreRegistryClient.TestData;

/// <summary>Finds the shared test data (the official JSON-Schema-Test-Suite, the bench corpus, the canonical JSON
/// vectors). Where it is was decided at build time by tests/Directory.Build.props ($CRC_SHARED_DIR, else ../shared beside
/// the clone; the suite from $JSON_SCHEMA_TEST_SUITE when set) and written into this test assembly; tests/Directory.Build.targets
/// stops <c>dotnet test</c> before any test runs when it is missing.</summary>
internal static class SharedFolder
{
    private const string SuiteFolder = "json-schema-test-suite";

    /// <summary>The shared folder.</summary>
    public static string Root { get; } = Metadata("CoreRegistryClient.SharedDirectory");

    /// <summary>The official JSON-Schema-Test-Suite (its <c>tests</c> and <c>remotes</c> folders are inside).</summary>
    public static string TestSuite { get; } = Metadata("CoreRegistryClient.JsonSchemaTestSuite");

    /// <summary>A path in the shared folder; a path starting with <c>json-schema-test-suite</c> is in <see cref="TestSuite"/>.</summary>
    public static string Path(params string[] parts) =>
        parts.Length > 0 && parts[0] == SuiteFolder
            ? System.IO.Path.Combine([TestSuite, .. parts[1..]])
            : System.IO.Path.Combine([Root, .. parts]);

    private static string Metadata(string key) =>
        typeof(SharedFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly carries no {key}: build it with tests/Directory.Build.targets (a SharedTestData item).");
}
