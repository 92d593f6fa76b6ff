using System.CommandLine;
using CoreRegistryClient.Cli.DriftCheck;
using CoreRegistryClient.Cli.Output;
using CoreRegistryClient.DependencyInjection;
using CoreRegistryClient.Drift;
using CoreRegistryClient.Enforcement;
using Spectre.Console;

namespace CoreRegistryClient.Cli.Commands;

/// <summary><c>drift</c>: compares a directory of local schema copies with the registry, writes drift_report.json
/// (and optionally a Prometheus metrics file), and exits as the enforcement mode says.</summary>
internal static class DriftCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var schemaDir = new Option<DirectoryInfo>("--schema-dir") { Description = "Directory of local schema copies (<name>.json, optional _metadata.json)", Required = true, HelpName = "dir" };
        var output = new Option<FileInfo>("--output") { Description = "Where to write the report (written whatever the outcome)", DefaultValueFactory = _ => new FileInfo("drift_report.json"), HelpName = "file" };
        var emitTelemetry = new Option<bool>("--emit-telemetry") { Description = "Post a telemetry.schema_drift event per drifted schema to POST /admin/telemetry (needs the token; failures are logged, never fatal)" };
        var canonical = new Option<string>("--canonical") { Description = "Canonical form both sides are hashed with", DefaultValueFactory = _ => "jcs", HelpName = "jcs|python" };
        canonical.AcceptOnlyFromAmong("jcs", "python");
        var mode = new Option<string?>("--mode")
        {
            Description = $"Enforcement mode the exit code follows: off and warn report drift and never fail, strict fails on breaking drift [default: ${EnvironmentVariableNames.Enforcement}, else warn]",
            HelpName = "off|warn|strict",
        };
        var failOn = new Option<string?>("--fail-on") { Description = "Overrides the mode: exit 1 on any drift, on breaking drift only, or never [default: from --mode]", HelpName = "drift|breaking|never" };
        failOn.AcceptOnlyFromAmong("drift", "breaking", "never");
        var registryDown = new Option<string>("--registry-down")
        {
            Description = "When the registry cannot be reached (or cannot serve some schema): warn (exit 0 unless drift fails the run) or fail (exit 3)",
            DefaultValueFactory = _ => "warn",
            HelpName = "warn|fail",
        };
        registryDown.AcceptOnlyFromAmong("warn", "fail");
        var metricsFile = new Option<FileInfo?>("--metrics-file")
        {
            Description = "Also write schema_drift_total and schema_drift_last_detected_timestamp in Prometheus text format (node-exporter textfile collector, Pushgateway); counters carry on from the file's previous content",
            HelpName = "file.prom",
        };
        var repo = new Option<string?>("--repo") { Description = "The repo label of events and metrics [default: $GITHUB_REPOSITORY, else the current directory's name]", HelpName = "name" };
        var countMissingLocally = new Option<bool>("--count-missing-locally") { Description = "Count registry schemas without a local copy as drift" };

        var command = new Command("drift", "Compare local schema copies with the registry and report drift (exit 0 ok, 1 failing drift, 3 registry unavailable with --registry-down fail, 2 usage error)")
        {
            schemaDir, output, emitTelemetry, canonical, mode, failOn, registryDown, metricsFile, repo, countMissingLocally,
        };
        common.DescribeTrack(command, $"Registry track: v1 (stable) or v2 (preview) [default: ${CommonOptions.TrackVariable}, else the track in the directory's _metadata.json, else {CommonOptions.DefaultTrack}]");
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(schemaDir)!;
            if (!directory.Exists)
            {
                throw new UsageException($"The schema directory '{directory.FullName}' does not exist.");
            }

            var policy = ResolvePolicy(context, parse.GetValue(mode), parse.GetValue(failOn), parse.GetValue(registryDown)!);
            var metadata = SchemaDirectoryMetadata.Read(directory.FullName);
            var settings = common.ResolveRegistry(parse, metadata?.RegistryUrl);
            if (!CanonicalJson.TryParseForm(parse.GetValue(canonical), out var form))
            {
                throw new UsageException("--canonical must be jcs or python.");
            }

            var reportPath = parse.GetValue(output)!.FullName;
            var metricsPath = parse.GetValue(metricsFile)?.FullName;
            var options = new DriftReporterOptions
            {
                Track = common.ResolveTrack(parse, metadata?.Track ?? CommonOptions.DefaultTrack),
                CanonicalForm = form,
                RegistryUrl = settings.DisplayUrl,
                Repository = parse.GetValue(repo) ?? context.GetEnvironmentVariable("GITHUB_REPOSITORY") ?? new DirectoryInfo(Environment.CurrentDirectory).Name,
                MissingLocallyCountsAsDrift = parse.GetValue(countMissingLocally),
                PublishEvents = parse.GetValue(emitTelemetry),
            };
            options.ExcludedFiles.Add(reportPath);
            if (metricsPath is not null)
            {
                options.ExcludedFiles.Add(metricsPath);
            }

            var session = context.ConnectRegistry(settings);
            await using var sessionScope = session.ConfigureAwait(false);
            using var recorder = new MeasurementRecorder();
            var reporter = new DriftReporter(session.Client, meterFactory: recorder);
            var json = common.IsJson(parse);
            var report = await RunWithProgressAsync(context, json, progress => reporter.CompareAsync(directory.FullName, options, progress, cancellationToken)).ConfigureAwait(false);
            DriftReportJson.Write(report, reportPath);
            if (metricsPath is not null)
            {
                DriftMetricsFile.Write(metricsPath, report, options.Repository, recorder.Series);
            }

            if (json)
            {
                await CliJson.WriteAsync(context, report).ConfigureAwait(false);
            }
            else
            {
                DriftOutput.Render(context.Output, report, reportPath);
            }

            var verdict = policy.Judge(report);
            foreach (var note in verdict.Notes)
            {
                await (note.FailsTheRun ? CiAnnotation.ErrorAsync(context, note.Message) : CiAnnotation.WarningAsync(context, note.Message)).ConfigureAwait(false);
            }

            return verdict.ExitCode;
        });
        return command;
    }

    /// <summary><c>--fail-on</c> when given; otherwise what the mode (<c>--mode</c>, else <c>REGISTRY_ENFORCEMENT</c>,
    /// else warn) implies.</summary>
    internal static DriftPolicy ResolvePolicy(CliContext context, string? mode, string? failOn, string registryDown)
    {
        var down = registryDown == "fail" ? RegistryDownPolicy.Fail : RegistryDownPolicy.Warn;
        var modeText = mode ?? context.GetEnvironmentVariable(EnvironmentVariableNames.Enforcement);
        var source = mode is not null ? "--mode" : EnvironmentVariableNames.Enforcement;
        var resolved = EnforcementMode.Warn;
        if (!string.IsNullOrWhiteSpace(modeText) && !EnforcementModeParser.TryParse(modeText, out resolved))
        {
            throw new UsageException($"{source} must be off, warn or strict (enforce), not '{modeText.Trim()}'.");
        }

        if (failOn is not null)
        {
            var explicitFailOn = failOn switch
            {
                "drift" => DriftFailOn.Drift,
                "breaking" => DriftFailOn.Breaking,
                _ => DriftFailOn.Never,
            };
            return new DriftPolicy(explicitFailOn, down, $"--fail-on {failOn}");
        }

        var name = resolved.ToString().ToLowerInvariant();
        return new DriftPolicy(DriftPolicy.ForMode(resolved), down, string.IsNullOrWhiteSpace(modeText) ? $"mode {name}, the default" : $"mode {name}");
    }

    private static async Task<DriftReport> RunWithProgressAsync(CliContext context, bool json, Func<IProgress<DriftProgress>?, Task<DriftReport>> run)
    {
        if (context.Progress is null || json)
        {
            return await run(null).ConfigureAwait(false);
        }

        return await context.Progress.Progress()
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
