using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using CoreRegistryClient.Cli.Commands;

namespace CoreRegistryClient.Cli;

/// <summary>The <c>core-registry</c> command tree.</summary>
internal static class CoreRegistryCli
{
    public static RootCommand Build(CliContext context)
    {
        var common = new CommonOptions(context);
        var root = new RootCommand("core-registry: schema drift reports, fetch, validation, replay, drills and inspection of a schema registry.");
        common.AddTo(root);
        root.Subcommands.Add(DriftCommand.Create(context, common));
        root.Subcommands.Add(FetchCommand.Create(context, common));
        root.Subcommands.Add(ValidateCommand.Create(context, common));
        root.Subcommands.Add(ReplayCommand.Create(context, common));
        root.Subcommands.Add(IndexCommand.Create(context, common));
        root.Subcommands.Add(VersionsCommand.Create(context, common));
        root.Subcommands.Add(CompatCommand.Create(context, common));
        root.Subcommands.Add(DrillCommand.Create(context, common));
        root.Subcommands.Add(ServeTestRegistryCommand.Create(context, common));

        // The common options are declared once on the root, but what --track defaults to depends on the command:
        // its description is set for the command whose help is asked for (the tree is built for each run).
        var helpOption = root.Options.OfType<HelpOption>().Single();
        if (helpOption.Action is SynchronousCommandLineAction help)
        {
            helpOption.Action = new HelpForCommand(help, command => common.Track.Description = common.TrackDescription(command));
        }

        return root;
    }

    /// <summary>Parses and runs; a command-line error prints one line per problem and the usage hint, and exits 2.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parse = Build(context).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"error: {error.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync($"Run '{CommandPath(parse.CommandResult.Command)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken).ConfigureAwait(false);
    }

    private sealed class HelpForCommand(SynchronousCommandLineAction help, Action<Command> prepare) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => help.ClearsParseErrors;

        public override int Invoke(ParseResult parseResult)
        {
            prepare(parseResult.CommandResult.Command);
            return help.Invoke(parseResult);
        }
    }

    private static string CommandPath(Command command) =>
        command is RootCommand or null ? "core-registry" : $"{CommandPath(command.Parents.OfType<Command>().FirstOrDefault()!)} {command.Name}";
}
