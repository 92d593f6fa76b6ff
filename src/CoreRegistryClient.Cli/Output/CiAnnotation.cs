namespace CoreRegistryClient.Cli.Output;

/// <summary>Warnings and errors for a CI log: a <c>warning:</c>/<c>error:</c> line on stderr, and under GitHub Actions
/// also a workflow command, so the message shows on the run's summary and the pull request.</summary>
internal static class CiAnnotation
{
    public static Task WarningAsync(CliContext context, string message) => WriteAsync(context, "warning", message);

    public static Task ErrorAsync(CliContext context, string message) => WriteAsync(context, "error", message);

    private static async Task WriteAsync(CliContext context, string level, string message)
    {
        await context.Error.WriteLineAsync($"{level}: {message}").ConfigureAwait(false);
        if (string.Equals(context.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            await context.Error.WriteLineAsync($"::{level} title=core-registry::{EscapeData(message)}").ConfigureAwait(false);
        }
    }

    // The runner's escaping of a workflow command's message.
    private static string EscapeData(string text) => text.Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
