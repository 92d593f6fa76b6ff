using System.CommandLine;
using CoreRegistryClient.Samples.Hosting;

namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>Parses a sample's command line the way its Program does (<see cref="SampleCommandLine"/>), with the
/// run replaced by capturing the settings.</summary>
internal static class CommandLineRun
{
    public static async Task<(int Exit, TSettings? Settings, string Error)> ParseAsync<TSettings>(Func<Func<TSettings, CancellationToken, Task<int>>, RootCommand> create, string name, params string[] args)
        where TSettings : class
    {
        TSettings? captured = null;
        var command = create((settings, _) =>
        {
            captured = settings;
            return Task.FromResult(0);
        });
        var error = new StringWriter();
        var exit = await SampleCommandLine.InvokeAsync(command, name, args, TextWriter.Null, error);
        return (exit, captured, error.ToString());
    }

    /// <summary>Every option of <paramref name="command"/> that takes a value, by name (for test cases).</summary>
    public static IEnumerable<string> OptionsTakingValues(RootCommand command) =>
        command.Options.Where(o => !o.Hidden && o.Name is not ("--help" or "--version")).Select(o => o.Name);
}
