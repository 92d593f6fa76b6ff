namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>The real promtool (Debian package <c>prometheus</c>).</summary>
internal static class Promtool
{
    public static string Path => ExternalTool.Require("promtool", "prometheus");

    /// <summary><c>promtool check metrics</c> on <paramref name="exposition"/> (stdin); exit 0 means it parsed and passed lint.</summary>
    public static Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition) =>
        ExternalTool.RunAsync(Path, ["check", "metrics"], exposition);

    public static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        ExternalTool.RunAsync(Path, arguments);
}
