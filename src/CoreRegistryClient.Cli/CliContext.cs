using Spectre.Console;

namespace CoreRegistryClient.Cli;

/// <summary>Everything a command touches outside itself, so that tests can run the whole tool in-process:
/// output writers, the console for tables, the environment, the clock and how a registry client is made.</summary>
internal sealed class CliContext
{
    /// <summary>Standard output: tables for people, or JSON with <c>--json</c>.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: errors and warnings.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Renders tables and progress onto <see cref="Out"/>.</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Whether a person watches a terminal: progress bars are shown only then.</summary>
    public bool Interactive { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Opens a registry client for the given settings.</summary>
    public Func<RegistrySettings, IRegistrySession> ConnectRegistry { get; init; } = RegistrySession.Create;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The real process: stdout, stderr, the terminal's capabilities.</summary>
    public static CliContext ForProcess()
    {
        var interactive = !System.Console.IsOutputRedirected && !System.Console.IsErrorRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Out),
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        return new CliContext { Out = System.Console.Out, Error = System.Console.Error, Console = console, Interactive = interactive };
    }

    /// <summary>A context writing plain text (no colours, no ANSI, fixed width) to the given writers, reading
    /// environment variables through <paramref name="environment"/> (default: the process's).</summary>
    public static CliContext ForWriters(TextWriter output, TextWriter error, Func<string, string?>? environment = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return new CliContext
        {
            Out = output,
            Error = error,
            Console = console,
            Interactive = false,
            GetEnvironmentVariable = environment ?? Environment.GetEnvironmentVariable,
        };
    }
}
