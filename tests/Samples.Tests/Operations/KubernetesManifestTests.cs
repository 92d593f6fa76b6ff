using System.Text.Json;
using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.Operations;

/// <summary>The Kubernetes manifests agree with the rules promtool tests and with each other.</summary>
public class KubernetesManifestTests
{
    private static string Read(string name) => File.ReadAllText(Path.Combine(OperationsFiles.KubernetesDirectory, name));

    [Test]
    public async Task PrometheusRule_is_exactly_what_the_render_script_makes_from_docs_alerts()
    {
        var (exitCode, output) = await ExternalTool.RunAsync("/bin/bash", [Path.Combine(OperationsFiles.AlertsDirectory, "render-prometheusrule.sh"), "--stdout"]);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(Read("prometheusrule.yaml"), Is.EqualTo(output), "prometheusrule.yaml is stale: run docs/alerts/render-prometheusrule.sh");
        });
    }

    [Test]
    public async Task PrometheusRule_groups_pass_promtool_check_rules()
    {
        var lines = Read("prometheusrule.yaml").Split('\n');
        var spec = Array.IndexOf(lines, "spec:");
        var groups = string.Join('\n', lines.Skip(spec + 1).Select(l => l.Length >= 2 ? l[2..] : l));
        var path = Path.Combine(Path.GetTempPath(), $"prometheusrule-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, groups);
        try
        {
            var (exitCode, output) = await Promtool.RunAsync("check", "rules", path);
            Assert.That(exitCode, Is.Zero, output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Kustomization_lists_every_manifest()
    {
        var kustomization = Read("kustomization.yaml");
        var manifests = OperationsFiles.KubernetesFiles.Select(Path.GetFileName).Where(n => n != "kustomization.yaml");
        Assert.That(manifests.Where(m => !kustomization.Contains($"- {m}", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Deployment_service_monitor_and_scaler_agree_on_names_ports_and_paths()
    {
        var deployment = Read("deployment.yaml");
        var service = Read("service.yaml");
        var monitor = Read("servicemonitor.yaml");
        var scaler = Read("scaledobject.yaml");
        Assert.Multiple(() =>
        {
            Assert.That(deployment, Does.Contain("containerPort: 9464").And.Contain("http://0.0.0.0:9464").And.Contain("path: /health"));
            Assert.That(service, Does.Contain("port: 9464").And.Contain("targetPort: metrics").And.Contain("app.kubernetes.io/name: pipeline-sample"));
            Assert.That(monitor, Does.Contain("port: metrics").And.Contain("path: /metrics").And.Contain("app.kubernetes.io/name: pipeline-sample"));
            Assert.That(scaler, Does.Contain("name: pipeline-sample").And.Contain("stream: mdp:telemetry.feedback").And.Contain("consumerGroup: pipeline"));
        });
    }

    [Test]
    public void The_scaler_query_is_the_one_the_promtool_test_evaluates_across_replicas()
    {
        var query = PromqlReferences.FromYaml(Path.Combine(OperationsFiles.KubernetesDirectory, "scaledobject.yaml")).Single();
        var tested = PromqlReferences.FromYaml(Path.Combine(OperationsFiles.AlertsDirectory, "tests", "keda-scaling-query.test.yml")).Distinct().Single();
        Assert.That((query, query), Is.EqualTo((tested, "max(pipeline_feedback_queue_depth{job=\"pipeline-sample\"}) or vector(0)")));
    }

    [Test]
    public void ConfigMap_settings_are_valid_json_with_the_rollback_switch()
    {
        var configMap = Read("configmap.yaml");
        var json = string.Join('\n', configMap.Split('\n').SkipWhile(l => !l.Contains("appsettings.json: |", StringComparison.Ordinal)).Skip(1).Select(l => l.Trim()));
        using var document = JsonDocument.Parse(json);
        Assert.That(document.RootElement.GetProperty("REGISTRY_ENFORCEMENT").GetString(), Is.EqualTo("warn"));
    }
}
