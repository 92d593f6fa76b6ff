using System.CommandLine;
using CoreRegistryClient.Cli.Commands;

namespace CoreRegistryClient.Cli;

/// <summary>The <c>core-registry</c> command tree.</summary>
internal static class CoreRegistryCli
{
    public static RootCommand Build(CliContext context)
    {
        var common = new CommonOptions(context);
        var root = new RootCommand("core-registry: schema drift reports, fetch, validation, replay and inspection of a schema registry.");
        common.AddTo(root);
        root.Subcommands.Add(DriftCommand.Create(context, common));
        root.Subcommands.Add(FetchCommand.Create(context, common));
        root.Subcommands.Add(ValidateCommand.Create(context, common));
        root.Subcommands.Add(ReplayCommand.Create(context, common));
        root.Subcommands.Add(IndexCommand.Create(context, common));
        root.Subcommands.Add(VersionsCommand.Create(context, common));
        root.Subcommands.Add(CompatCommand.Create(context, common));
        return root;
    }

    /// <summary>Parses and runs; a command-line error prints the problems and the usage hint, and exits 2.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parse = Build(context).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("Run 'core-registry --help' (or '<command> --help') for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken).ConfigureAwait(false);
    }
}
