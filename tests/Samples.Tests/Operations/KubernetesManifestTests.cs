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
        Assert.Multiple(() =>
        {
            Assert.That(deployment, Does.Contain("containerPort: 9464").And.Contain("http://0.0.0.0:9464").And.Contain("path: /health"));
            Assert.That(service, Does.Contain("port: 9464").And.Contain("targetPort: metrics").And.Contain("app.kubernetes.io/name: pipeline-sample"));
            Assert.That(monitor, Does.Contain("port: metrics").And.Contain("path: /metrics").And.Contain("app.kubernetes.io/name: pipeline-sample"));
            Assert.That(YamlDocuments.Load(Path.Combine(OperationsFiles.KubernetesDirectory, "scaledobject.yaml")).Map("spec").Map("scaleTargetRef").Text("name"), Is.EqualTo("pipeline-sample"));
        });
    }

    [Test]
    public void The_scaler_query_is_the_one_the_promtool_test_evaluates_across_replicas()
    {
        var query = PromqlReferences.FromYaml(Path.Combine(OperationsFiles.KubernetesDirectory, "scaledobject.yaml")).Single();
        var tested = PromqlReferences.FromYaml(Path.Combine(OperationsFiles.AlertsDirectory, "tests", "keda-scaling-query.test.yml")).Distinct().Single();
        Assert.That((query, query), Is.EqualTo((tested, "max(pipeline_feedback_queue_depth{source=\"store_coordinator\"})")));
    }

    [Test]
    public void The_scaled_object_has_the_rollout_guides_values_and_one_prometheus_trigger()
    {
        var document = YamlDocuments.Load(Path.Combine(OperationsFiles.KubernetesDirectory, "scaledobject.yaml"));
        var spec = document.Map("spec");
        var triggers = spec.Items("triggers").ToList();
        var metadata = triggers.Single().Map("metadata").Scalars();
        Assert.Multiple(() =>
        {
            Assert.That((document.Text("apiVersion"), document.Text("kind")), Is.EqualTo(("keda.sh/v1alpha1", "ScaledObject")));
            Assert.That(
                (spec.Text("minReplicaCount"), spec.Text("maxReplicaCount"), spec.Text("pollingInterval"), spec.Text("cooldownPeriod")),
                Is.EqualTo(("1", "10", "15", "60")));
            Assert.That(spec.Map("advanced").Map("horizontalPodAutoscalerConfig").Map("behavior").Map("scaleDown").Text("stabilizationWindowSeconds"), Is.EqualTo("60"),
                "from 1..10 replicas the HPA's scale-down window, not cooldownPeriod, decides when replicas go");
            Assert.That(triggers.Single().Text("type"), Is.EqualTo("prometheus"));
            Assert.That(metadata["query"], Is.EqualTo("max(pipeline_feedback_queue_depth{source=\"store_coordinator\"})"));
            Assert.That(metadata["threshold"], Is.EqualTo("5000"));
            Assert.That(metadata["ignoreNullValues"], Is.EqualTo("true"), "an empty answer (every reading expired) must read as 0, or KEDA never scales in");
        });
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
