using CoreRegistryClient.Samples.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace CoreRegistryClient.Cli.Tests.CiTemplates;

/// <summary>The workflow templates under samples/ci/github-actions pass a real validator (<c>@action-validator/cli</c>,
/// which checks them against GitHub's workflow schema) and say what the plans say: nightly at 02:00 UTC, v1 required
/// and v2 continue-on-error, a track x mode matrix, reports kept 90 days.</summary>
public class WorkflowValidationTests
{
    public static IEnumerable<string> WorkflowFiles() => Workflow.Files().Select(Path.GetFileName)!;

    /// <summary><c>action-validator</c> from PATH, or where <c>./test.sh</c> installs it with npm.</summary>
    private static string Validator()
    {
        var local = Path.Combine(RepoPaths.Root, "artifacts", "tools", "node_modules", ".bin", "action-validator");
        if (File.Exists(local))
        {
            return local;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "action-validator")).FirstOrDefault(File.Exists);
        if (onPath is null)
        {
            Assert.Fail("action-validator was not found: ./test.sh installs it (npm install --prefix artifacts/tools @action-validator/cli@0.6.0 with Debian's nodejs and npm), or put it on PATH.");
        }

        return onPath!;
    }

    [Test]
    public void There_are_the_three_templates_the_plans_use()
    {
        Assert.That(WorkflowFiles(), Is.EquivalentTo(new[] { "contract-tests.yml", "schema-drift-nightly.yml", "schema-pr.yml" }));
    }

    [TestCaseSource(nameof(WorkflowFiles))]
    public async Task Workflow_passes_action_validator(string file)
    {
        var (exitCode, output) = await ExternalTool.RunAsync(Validator(), [Path.Combine(Workflow.Directory, file)]);

        Assert.That(exitCode, Is.Zero, output);
    }

    [Test]
    public async Task The_validator_rejects_a_workflow_with_a_misspelt_key()
    {
        using var dir = new TempDirectory();
        var broken = File.ReadAllText(Path.Combine(Workflow.Directory, "schema-pr.yml")).Replace("    steps:", "    stepz:", StringComparison.Ordinal);

        var (exitCode, output) = await ExternalTool.RunAsync(Validator(), [dir.Write("broken.yml", broken)]);

        Assert.That(exitCode, Is.Not.Zero, "a validator that accepts anything proves nothing: " + output);
    }

    [Test]
    public void Nightly_runs_at_02_00_UTC_on_both_tracks_with_v2_allowed_to_fail()
    {
        var nightly = Workflow.Named("schema-drift-nightly.yml");
        var on = (YamlMappingNode)nightly.Root["on"];
        var cron = ((YamlMappingNode)((YamlSequenceNode)on["schedule"]).Children.Single())["cron"].ToString();
        var job = nightly.Jobs["drift"];

        Assert.That(cron, Is.EqualTo("0 2 * * *"));
        Assert.That(Workflow.MatrixOf(job).Select(m => m["track"]), Is.EqualTo(new[] { "v1", "v2" }));
        Assert.That(Workflow.Scalar(job, "continue-on-error"), Is.EqualTo("${{ matrix.track == 'v2' }}"));
        Assert.That(nightly.Env(job)["REGISTRY_ENFORCEMENT"], Is.EqualTo("strict"));
    }

    [Test]
    public void Contract_tests_run_every_track_with_every_mode()
    {
        var job = Workflow.Named("contract-tests.yml").Jobs["contract"];

        Assert.That(Workflow.MatrixOf(job).Select(m => (m["track"], m["mode"])), Is.EquivalentTo(new[] { ("v1", "warn"), ("v1", "strict"), ("v2", "warn"), ("v2", "strict") }));
        Assert.That(Workflow.Map(job, "env")["REGISTRY_ENFORCEMENT"], Is.EqualTo("${{ matrix.mode }}"));
        Assert.That(Workflow.Map(job, "env")["REGISTRY_TRACK"], Is.EqualTo("${{ matrix.track }}"));
    }

    [TestCase("schema-pr.yml")]
    [TestCase("schema-drift-nightly.yml")]
    public void The_drift_report_is_uploaded_always_and_kept_90_days(string file)
    {
        var workflow = Workflow.Named(file);
        var upload = workflow.Jobs.Values.SelectMany(Workflow.Steps).Single(s => Workflow.Scalar(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);

        Assert.That(Workflow.Scalar(upload, "if"), Is.EqualTo("always()"));
        Assert.That(Workflow.Map(upload, "with")["retention-days"], Is.EqualTo("90"));
        Assert.That(Workflow.Map(upload, "with")["path"], Does.Contain("drift_report"));
    }
}
