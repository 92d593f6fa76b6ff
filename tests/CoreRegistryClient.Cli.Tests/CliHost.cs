namespace CoreRegistryClient.Cli.Tests;

/// <summary>Runs the <c>core-registry</c> root command in-process with captured output and a controlled
/// environment (the machine's REGISTRY_* variables never leak into a test).</summary>
internal static class CliHost
{
    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    public static Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(environment, CancellationToken.None, args);

    /// <summary>Runs until the command ends or <paramref name="cancellationToken"/> interrupts it (as Ctrl+C does).</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = CliContext.ForWriters(TextWriter.Synchronized(output), TextWriter.Synchronized(error), name => environment.GetValueOrDefault(name));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var exitCode = await CoreRegistryCli.RunAsync(args, context, timeout.Token);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
