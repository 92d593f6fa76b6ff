using System.Net;
using System.Net.Sockets;
using CoreRegistryClient.Samples.Tests.Support;
using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Cli.Tests.CiTemplates;

/// <summary>Runs the <c>run:</c> steps of every workflow template, for every matrix combination, with bash as the runner
/// does (<c>bash -e -o pipefail</c>), the built <c>core-registry</c> on PATH, in a consumer repository laid out as the
/// templates expect, against the loopback registry (and a loopback Pushgateway). Only the tool's install step and the
/// consumer's own <c>dotnet test</c> are not run; <c>uses:</c> steps belong to GitHub.</summary>
public class WorkflowCommandTests
{
    private const string Token = RegistryFixture.Token;
    private LoopbackRegistryServer _server = null!;
    private TempDirectory _repo = null!;
    private PushgatewayStub _pushgateway = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await RegistryFixture.StartAsync();
        _pushgateway = PushgatewayStub.Start();
        _repo = new TempDirectory();
        foreach (var track in new[] { "v1", "v2" })
        {
            var fetch = await CliHost.RunAsync("fetch", "--registry-url", _server.Url(), "--track", track, "--output", _repo.File($"tests/fixtures/schemas/{track}"));
            Assert.That(fetch.ExitCode, Is.Zero, fetch.ToString());
        }

        _repo.Write("tests/golden/telemetry.FeedbackEvent/ok.json", Schemas.ValidFeedback);
        _repo.Write("tests/golden/telemetry.FeedbackEvent/captured.jsonl", Schemas.ValidFeedback + "\n" + """{"coordinator_id":"c-2","level":"soft"}""" + "\n");
        _repo.Write("schemas/telemetry.FeedbackEvent.json", Schemas.FeedbackV1OptionalAdded);
    }

    [TearDown]
    public async Task TearDown()
    {
        _repo.Dispose();
        _pushgateway.Dispose();
        await _server.DisposeAsync();
    }

    public static IEnumerable<TestCaseData> Legs()
    {
        foreach (var file in Workflow.Files())
        {
            var workflow = Workflow.Load(file);
            foreach (var (job, node) in workflow.Jobs)
            {
                foreach (var matrix in Workflow.MatrixOf(node))
                {
                    var label = string.Join(",", matrix.Select(m => $"{m.Key}={m.Value}"));
                    yield return new TestCaseData(workflow.FileName, job, matrix).SetArgDisplayNames(workflow.FileName, job, label);
                }
            }
        }
    }

    [TestCaseSource(nameof(Legs))]
    public async Task Every_run_step_succeeds_against_a_registry_in_sync_and_leaves_what_the_upload_step_collects(
        string file, string job, IReadOnlyDictionary<string, string> matrix)
    {
        var steps = await RunJobAsync(Workflow.Named(file), job, matrix);

        Assert.That(steps.Where(s => s.Ran), Is.Not.Empty);
        foreach (var step in steps.Where(s => s.Ran))
        {
            Assert.That(step.ExitCode, Is.Zero, $"{file} {job} step '{step.Name}':\n{step.Output}");
        }

        foreach (var path in UploadPaths(Workflow.Named(file), job, matrix))
        {
            Assert.That(File.Exists(_repo.File(path)), $"the upload step collects {path}");
        }
    }

    [Test]
    public async Task Pr_drift_step_fails_the_pull_request_on_breaking_drift_and_only_warns_when_the_registry_is_down()
    {
        _server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1Breaking)
            .SetCompatibility("telemetry.FeedbackEvent", new Registry.CompatibilityResult(false, ["region is required"], [], null));
        var breaking = (await RunJobAsync(Workflow.Named("schema-pr.yml"), "schema-check", new Dictionary<string, string>())).Single(s => s.Name.StartsWith("Drift check", StringComparison.Ordinal));
        _server.Down = true;
        var down = (await RunJobAsync(Workflow.Named("schema-pr.yml"), "schema-check", new Dictionary<string, string>())).Single(s => s.Name.StartsWith("Drift check", StringComparison.Ordinal));

        Assert.That(breaking.ExitCode, Is.EqualTo(ExitCodes.Finding), breaking.Output);
        Assert.That(breaking.Output, Does.Contain("::error title=core-registry::1 schema(s) drifted"));
        Assert.That(down.ExitCode, Is.Zero, down.Output);
        Assert.That(down.Output, Does.Contain("::warning title=core-registry::registry unavailable"));
        Assert.That(File.Exists(_repo.File("drift_report.json")));
    }

    [Test]
    public async Task Nightly_pushes_the_drift_metrics_of_each_track_to_the_pushgateway()
    {
        _server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.2.0", Schemas.FeedbackV1OptionalAdded);

        var steps = await RunJobAsync(Workflow.Named("schema-drift-nightly.yml"), "drift", new Dictionary<string, string> { ["track"] = "v1" });

        Assert.That(steps.Where(s => s.Ran).Select(s => s.ExitCode), Is.All.Zero, string.Join("\n", steps.Select(s => s.Output)));
        var push = _pushgateway.Requests.Single();
        Assert.That(push.Path, Is.EqualTo("/metrics/job/schema_drift/repo/acme_store/track/v1"));
        Assert.That(push.Body, Does.Contain("schema_drift_total{repo=\"acme/store\",schema=\"telemetry.FeedbackEvent\",track=\"v1\"} 1"));
        Assert.That(_server.Registry.TelemetryEvents.Select(e => e.EventType), Is.EqualTo(new[] { "telemetry.schema_drift" }), "--emit-telemetry with the token");
    }

    private Dictionary<string, string> Context(IReadOnlyDictionary<string, string> matrix)
    {
        var values = new Dictionary<string, string>
        {
            ["vars.REGISTRY_URL"] = _server.Url(),
            ["vars.PUSHGATEWAY_URL"] = _pushgateway.Url,
            ["secrets.REGISTRY_TOKEN"] = Token,
            ["github.event.pull_request.number"] = "42",
        };
        foreach (var (key, value) in matrix)
        {
            values[$"matrix.{key}"] = value;
        }

        return values;
    }

    private async Task<List<StepRun>> RunJobAsync(Workflow workflow, string jobName, IReadOnlyDictionary<string, string> matrix)
    {
        var job = workflow.Jobs[jobName];
        var context = Context(matrix);
        var environment = new Dictionary<string, string>();
        foreach (var (name, value) in workflow.Env().Concat(workflow.Env(job)))
        {
            environment[name] = Workflow.Substitute(value, context);
        }

        var runs = new List<StepRun>();
        foreach (var step in Workflow.Steps(job))
        {
            var name = Workflow.Scalar(step, "name") ?? Workflow.Scalar(step, "uses") ?? "";
            var script = Workflow.Scalar(step, "run");
            if (script is null || name.StartsWith("Install core-registry", StringComparison.Ordinal) || script.TrimStart().StartsWith("dotnet test", StringComparison.Ordinal))
            {
                runs.Add(new StepRun(name, false, 0, ""));
                continue;
            }

            var stepEnvironment = new Dictionary<string, string>(environment);
            foreach (var (key, value) in Workflow.Map(step, "env"))
            {
                stepEnvironment[key] = Workflow.Substitute(value, context);
            }

            var (exitCode, output) = await RunBashAsync(Workflow.Substitute(script, context), stepEnvironment);
            runs.Add(new StepRun(name, true, exitCode, output));
            if (exitCode != 0)
            {
                break; // As the runner does: a failed step ends the job.
            }
        }

        return runs;
    }

    private IEnumerable<string> UploadPaths(Workflow workflow, string job, IReadOnlyDictionary<string, string> matrix) =>
        Workflow.Steps(workflow.Jobs[job])
            .Where(s => Workflow.Scalar(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true)
            .SelectMany(s => Workflow.Substitute(Workflow.Map(s, "with")["path"], Context(matrix)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private async Task<(int ExitCode, string Output)> RunBashAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var scriptFile = _repo.Write($".runner/step-{Guid.NewGuid():N}.sh", script);
        var runner = new Dictionary<string, string?>
        {
            ["PATH"] = Path.GetDirectoryName(ToolProcess.Program) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_REPOSITORY"] = "acme/store",
            ["GITHUB_PATH"] = _repo.File(".runner/path"),
            ["REGISTRY_TIMEOUT"] = "5",
        };
        foreach (var (name, value) in environment)
        {
            runner[name] = value;
        }

        var (exitCode, output, error) = await ExternalTool.RunAsync("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", scriptFile],
            new ProgramOptions { WorkingDirectory = _repo.Path, Environment = ToolProcess.Clean(runner), Timeout = TimeSpan.FromMinutes(3) });
        return (exitCode, $"$ {script}\n{output}{error}");
    }

    private sealed record StepRun(string Name, bool Ran, int ExitCode, string Output);

    /// <summary>Accepts pushes as a Pushgateway does (any path, 200) and records them.</summary>
    private sealed class PushgatewayStub : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<(string Path, string Body)> _requests = [];

        private PushgatewayStub(int port)
        {
            Url = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Url + "/");
        }

        public string Url { get; }

        public IReadOnlyList<(string Path, string Body)> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public static PushgatewayStub Start()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var stub = new PushgatewayStub(port);
            stub._listener.Start();
            _ = stub.ServeAsync();
            return stub;
        }

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using (var reader = new StreamReader(context.Request.InputStream))
                {
                    var body = await reader.ReadToEndAsync();
                    lock (_requests)
                    {
                        _requests.Add((context.Request.Url!.AbsolutePath, body));
                    }
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
    }
}
