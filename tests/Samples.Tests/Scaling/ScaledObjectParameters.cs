using CoreRegistryClient.Samples.Tests.Operations;

namespace CoreRegistryClient.Samples.Tests.Scaling;

/// <summary>What the replica formula needs from samples/deploy/k8s/scaledobject.yaml, read from the file.</summary>
internal sealed record ScaledObjectParameters(int MinReplicas, int MaxReplicas, TimeSpan PollingInterval, TimeSpan ScaleDownWindow, double Threshold, string Query)
{
    public static ScaledObjectParameters Load()
    {
        var spec = YamlDocuments.Load(Path.Combine(OperationsFiles.KubernetesDirectory, "scaledobject.yaml")).Map("spec");
        var trigger = spec.Items("triggers").Single().Map("metadata").Scalars();
        var window = spec.Map("advanced").Map("horizontalPodAutoscalerConfig").Map("behavior").Map("scaleDown").Text("stabilizationWindowSeconds");
        return new ScaledObjectParameters(
            int.Parse(spec.Text("minReplicaCount")!, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(spec.Text("maxReplicaCount")!, System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(int.Parse(spec.Text("pollingInterval")!, System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(int.Parse(window!, System.Globalization.CultureInfo.InvariantCulture)),
            double.Parse(trigger["threshold"], System.Globalization.CultureInfo.InvariantCulture),
            trigger["query"]);
    }
}
