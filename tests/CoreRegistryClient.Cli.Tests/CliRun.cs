namespace CoreRegistryClient.Cli.Tests;

/// <summary>What one in-process run of the tool produced.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}
