namespace CoreRegistryClient.Samples.Tests.Scaling;

/// <summary>The replica count KEDA's HPA reaches, poll by poll, for a Prometheus trigger of metric type
/// AverageValue (KEDA's default): the HPA averages the query's value over the current pods and asks for
/// <c>ceil(current × (value / current) / threshold)</c> (= <c>ceil(value / threshold)</c>), within the 10 % tolerance,
/// bounded by min/max; scale-up at most <c>max(2 × current, current + 4)</c> per poll (the HPA's default policy);
/// scale-down to the highest recommendation of the stabilization window (its default behaviour).</summary>
internal sealed class ReplicaCalculator(ScaledObjectParameters parameters)
{
    private const double Tolerance = 0.1;
    private readonly List<(TimeSpan At, int Desired)> _recommendations = [];

    public int Replicas { get; private set; } = parameters.MinReplicas;

    /// <summary>One poll at <paramref name="at"/> seeing <paramref name="value"/>; returns (recommendation, replicas after).</summary>
    public (int Desired, int Replicas) Poll(TimeSpan at, double value)
    {
        var current = Replicas;
        var ratio = value / current / parameters.Threshold;
        var desired = Math.Abs(ratio - 1) <= Tolerance ? current : (int)Math.Ceiling(current * ratio);
        desired = Math.Clamp(desired, parameters.MinReplicas, parameters.MaxReplicas);
        _recommendations.Add((at, desired));
        _recommendations.RemoveAll(r => r.At < at - parameters.ScaleDownWindow);
        Replicas = desired > current
            ? Math.Min(desired, Math.Max(2 * current, current + 4))
            : Math.Min(current, _recommendations.Max(r => r.Desired));
        return (desired, Replicas);
    }
}
