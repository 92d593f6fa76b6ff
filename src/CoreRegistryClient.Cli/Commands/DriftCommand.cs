using System.CommandLine;
using CoreRegistryClient.Drift;
using Spectre.Console;

namespace CoreRegistryClient.Cli.Commands;

/// <summary><c>drift</c>: compares a directory of local schema copies with the registry and writes drift_report.json.</summary>
internal static class DriftCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var schemaDir = new Option<DirectoryInfo>("--schema-dir") { Description = "Directory of local schema copies (<name>.json, optional _metadata.json)", Required = true, HelpName = "dir" };
        var output = new Option<FileInfo>("--output") { Description = "Where to write the report", DefaultValueFactory = _ => new FileInfo("drift_report.json"), HelpName = "file" };
        var emitTelemetry = new Option<bool>("--emit-telemetry") { Description = "Post a telemetry.schema_drift event per drifted schema to POST /admin/telemetry (needs the token; failures are logged, never fatal)" };
        var canonical = new Option<string>("--canonical") { Description = "Canonical form both sides are hashed with", DefaultValueFactory = _ => "jcs", HelpName = "jcs|python" };
        canonical.AcceptOnlyFromAmong("jcs", "python");
        var failOn = new Option<string>("--fail-on") { Description = "What makes the exit code 1: any drift, breaking drift only, or never", DefaultValueFactory = _ => "drift", HelpName = "drift|breaking|never" };
        failOn.AcceptOnlyFromAmong("drift", "breaking", "never");
        var repo = new Option<string?>("--repo") { Description = "The repo label of events and metrics [default: $GITHUB_REPOSITORY, else the current directory's name]", HelpName = "name" };
        var countMissingLocally = new Option<bool>("--count-missing-locally") { Description = "Count registry schemas without a local copy as drift" };

        var command = new Command("drift", "Compare local schema copies with the registry and report drift (exit 0 synced, 1 drift, 3 registry unavailable, 2 usage error)")
        {
            schemaDir, output, emitTelemetry, canonical, failOn, repo, countMissingLocally,
        };
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(schemaDir)!;
            if (!directory.Exists)
            {
                throw new UsageException($"The schema directory '{directory.FullName}' does not exist.");
            }

            var metadata = SchemaDirectoryMetadata.Read(directory.FullName);
            var settings = common.ResolveRegistry(parse, metadata?.RegistryUrl);
            if (!CanonicalJson.TryParseForm(parse.GetValue(canonical), out var form))
            {
                throw new UsageException("--canonical must be jcs or python.");
            }

            var reportPath = parse.GetValue(output)!.FullName;
            var options = new DriftReporterOptions
            {
                Track = common.ResolveTrack(parse, metadata?.Track ?? CommonOptions.DefaultTrack),
                CanonicalForm = form,
                RegistryUrl = settings.Url.ToString(),
                Repository = parse.GetValue(repo) ?? context.GetEnvironmentVariable("GITHUB_REPOSITORY") ?? new DirectoryInfo(Environment.CurrentDirectory).Name,
                MissingLocallyCountsAsDrift = parse.GetValue(countMissingLocally),
                PublishEvents = parse.GetValue(emitTelemetry),
            };
            options.ExcludedFiles.Add(reportPath);

            var session = context.ConnectRegistry(settings);

            await using var sessionScope = session.ConfigureAwait(false);
            var reporter = new DriftReporter(session.Client);
            var json = common.IsJson(parse);
            var report = await RunWithProgressAsync(context, json, progress => reporter.CompareAsync(directory.FullName, options, progress, cancellationToken)).ConfigureAwait(false);
            DriftReportJson.Write(report, reportPath);

            if (json)
            {
                await CliJson.WriteAsync(context, report).ConfigureAwait(false);
            }
            else
            {
                DriftOutput.Render(context.Console, report, reportPath);
            }

            return ExitCode(report, parse.GetValue(failOn)!);
        });
        return command;
    }

    internal static int ExitCode(DriftReport report, string failOn)
    {
        var failing = failOn switch
        {
            "never" => false,
            "breaking" => report.Breaking > 0,
            _ => report.Drifted > 0,
        };
        if (failing)
        {
            return ExitCodes.Finding;
        }

        return !report.RegistryAvailable || report.Unknown > 0 ? ExitCodes.RegistryUnavailable : ExitCodes.Success;
    }

    private static async Task<DriftReport> RunWithProgressAsync(CliContext context, bool json, Func<IProgress<DriftProgress>?, Task<DriftReport>> run)
    {
        if (!context.Interactive || json)
        {
            return await run(null).ConfigureAwait(false);
        }

        return await context.Console.Progress()
            .AutoClear(true)
            .StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask("Comparing schemas", maxValue: 1);
                var progress = new Progress<DriftProgress>(p =>
                {
                    task.MaxValue = p.Total;
                    task.Value = p.Completed;
                    task.Description = Markup.Escape(p.Schema);
                });
                return await run(progress).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }
}
