using CoreRegistryClient.Samples.Backpressure;
namespace CoreRegistryClient.Samples.Store.Feedback;

/// <summary>The write queue of one store write coordinator: batches arrive in slow waves and are flushed at a
/// steady rate, so the depth rises and falls through every backpressure level.</summary>
internal sealed class CoordinatorQueue
{
    /// <summary>Fill ratio from which the coordinator asks for softer ingest.</summary>
    public const double SoftWatermark = 0.7;

    /// <summary>Fill ratio from which the coordinator asks ingest to stop.</summary>
    public const double HardWatermark = 0.9;

    // One wave of arrivals per this many reports; the flush rate equals the mean arrival rate, so over a wave
    // the queue fills by about as much as it drains.
    private const int WaveLength = 600;
    private const double MeanArrivalShare = 0.0055;

    private readonly double _phaseOffset;
    private long _step;

    public CoordinatorQueue(string coordinatorId, string provider, long capacity, double initialFill, double phaseOffset)
    {
        ArgumentException.ThrowIfNullOrEmpty(coordinatorId);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        CoordinatorId = coordinatorId;
        Provider = provider;
        Capacity = capacity;
        Depth = (long)(Math.Clamp(initialFill, 0, 1) * capacity);
        _phaseOffset = phaseOffset;
    }

    public string CoordinatorId { get; }

    /// <summary>The data provider whose writes this coordinator handles.</summary>
    public string Provider { get; }

    public long Capacity { get; }

    public long Depth { get; private set; }

    public double Fill => (double)Depth / Capacity;

    public BackpressureLevel Level => Fill >= HardWatermark ? BackpressureLevel.Hard : Fill >= SoftWatermark ? BackpressureLevel.Soft : BackpressureLevel.Ok;

    /// <summary>Moves the queue one report further: arrivals of this step in, one step's flush out.</summary>
    /// <param name="noise">A value in [0, 1) that varies the arrivals a little.</param>
    public void Advance(double noise)
    {
        var phase = (2 * Math.PI * _step++ / WaveLength) + _phaseOffset;
        var arrivals = Capacity * MeanArrivalShare * (1 + Math.Sin(phase)) * (0.8 + (0.4 * noise));
        var flushed = Capacity * MeanArrivalShare;
        Depth = (long)Math.Clamp(Depth + arrivals - flushed, 0, Capacity);
    }
}
