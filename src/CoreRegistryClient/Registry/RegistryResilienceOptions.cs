namespace CoreRegistryClient.Registry;

/// <summary>How the registry client retries, times out and breaks the circuit. The total budget of a call is
/// <see cref="SchemaEnforcementOptions.Timeout"/>; these settings work inside it.</summary>
/// <remarks>Internal on purpose: the defaults suit a registry polled every minute, and tests shrink the delays.</remarks>
internal sealed class RegistryResilienceOptions
{
    /// <summary>Retries after the first attempt for transient failures (network, attempt timeout, 408, 429, 5xx). Default: 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff delay, doubled per retry with jitter. Default: 200 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest computed backoff delay. Default: 5 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest <c>Retry-After</c> (on 429 and 503) that is honoured; longer values are capped to it. Default: 10 s.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time budget of one attempt (never more than the total budget). Default: 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The share of failed attempts within <see cref="CircuitSamplingDuration"/> that opens the circuit. Default: 0.5.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the sampling window before the ratio counts (at least 2). Default: 6, i.e. two calls
    /// that exhaust their retries.</summary>
    public int CircuitMinimumThroughput { get; set; } = 6;

    /// <summary>The window over which the failure ratio is measured. Default: 30 s.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open (calls fail fast, nothing is sent) before one probe is let through. Default: 15 s.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest response body accepted; a bigger one is an invalid response. Default: 16 MiB.</summary>
    public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;
}
