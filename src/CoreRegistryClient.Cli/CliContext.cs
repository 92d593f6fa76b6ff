using CoreRegistryClient.Cli.Output;
using Spectre.Console;

namespace CoreRegistryClient.Cli;

/// <summary>Everything a command touches outside itself, so that tests can run the whole tool in-process:
/// output writers, the environment, the clock and how a registry client is made.</summary>
internal sealed class CliContext
{
    /// <summary>Standard output: <see cref="Output"/> for people, or JSON with <c>--json</c>.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: errors and warnings.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Tables and lines for people on <see cref="Out"/>: drawn on a terminal, plain in a pipe or file.</summary>
    public required HumanOutput Output { get; init; }

    /// <summary>The terminal console for progress bars, or null when no person watches a terminal.</summary>
    public IAnsiConsole? Progress { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Opens a registry client for the given settings.</summary>
    public Func<RegistrySettings, IRegistrySession> ConnectRegistry { get; init; } = RegistrySession.Create;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The real process. Tables and colour only when stdout is a terminal (colour also needs <c>NO_COLOR</c>
    /// unset or empty, as no-color.org asks); progress bars only when stdout and stderr both are.</summary>
    public static CliContext ForProcess()
    {
        var stdoutIsTerminal = !Console.IsOutputRedirected;
        IAnsiConsole? terminal = null;
        if (stdoutIsTerminal)
        {
            var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            terminal = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(Console.Out),
                ColorSystem = noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
                Interactive = InteractionSupport.Detect,
            });
        }

        return new CliContext
        {
            Out = Console.Out,
            Error = Console.Error,
            Output = terminal is null ? HumanOutput.Plain(Console.Out) : HumanOutput.ForTerminal(terminal),
            Progress = stdoutIsTerminal && !Console.IsErrorRedirected ? terminal : null,
        };
    }

    /// <summary>A context writing plain output (as into a pipe) to the given writers, reading environment variables
    /// through <paramref name="environment"/> (default: the process's).</summary>
    public static CliContext ForWriters(TextWriter output, TextWriter error, Func<string, string?>? environment = null) => new()
    {
        Out = output,
        Error = error,
        Output = HumanOutput.Plain(output),
        GetEnvironmentVariable = environment ?? Environment.GetEnvironmentVariable,
    };
}
