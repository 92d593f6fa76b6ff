using System.CommandLine;

namespace CoreRegistryClient.Samples.Hosting;

/// <summary>Runs a sample's command line: a bad command line is one line on standard error and exit code 1
/// (<see cref="SampleExitCodes.Usage"/>), not the help text; <c>--help</c> prints the options.</summary>
internal static class SampleCommandLine
{
    public static async Task<int> InvokeAsync(RootCommand command, string name, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(error);
        var result = command.Parse(args);
        if (result.Errors.Count > 0)
        {
            // The first error is the one to fix; S.CL's own messages can span lines, a console line must not.
            var message = string.Join(' ', result.Errors[0].Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await error.WriteLineAsync($"{name}: {message} (--help lists the options)");
            return SampleExitCodes.Usage;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
