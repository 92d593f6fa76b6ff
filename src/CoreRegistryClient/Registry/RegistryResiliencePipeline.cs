using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CoreRegistryClient.Registry;

/// <summary>The one resilience pipeline shared by every registry call, so the circuit breaker sees all traffic:
/// total timeout → retry (jittered exponential backoff, <c>Retry-After</c>) → circuit breaker → attempt timeout.</summary>
internal sealed class RegistryResiliencePipeline
{
    /// <summary>The operation name, carried in the context so retry logs can say which call is retrying.</summary>
    public static readonly ResiliencePropertyKey<string> OperationKey = new("CoreRegistryClient.RegistryOperation");

    /// <summary>A call's own total budget (a schema load's remaining time), replacing <see cref="TotalTimeout"/>, so the
    /// miss path has one budget rather than one per layer.</summary>
    public static readonly ResiliencePropertyKey<TimeSpan> BudgetKey = new("CoreRegistryClient.Budget");

    private static readonly TimeSpan DefaultTotalTimeout = TimeSpan.FromSeconds(30);

    private readonly IOptionsMonitor<SchemaEnforcementOptions> _options;
    private readonly RegistryResilienceOptions _resilience;

    public RegistryResiliencePipeline(
        IOptionsMonitor<SchemaEnforcementOptions> options,
        IOptions<RegistryResilienceOptions> resilience,
        ILogger<SchemaRegistryClient> logger)
    {
        ArgumentNullException.ThrowIfNull(resilience);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _resilience = resilience.Value;
        Pipeline = Build(_resilience, logger);
    }

    public ResiliencePipeline<RegistryHttpResult> Pipeline { get; }

    public RegistryResilienceOptions Options => _resilience;

    /// <summary>What made the circuit open last (e.g. <c>network: ConnectionRefused</c>), for the messages of calls it stops.</summary>
    public string? LastOpenCause { get; private set; }

    /// <summary>Whether the circuit is open and its break has not run out (calls fail fast without a request).</summary>
    public bool IsCircuitOpen => Environment.TickCount64 < Volatile.Read(ref _openUntil);

    private long _openUntil = long.MinValue;

    /// <summary>The total budget of one call, read per call so a configuration reload applies at once.
    /// A non-positive value falls back to the 30 s default rather than waiting forever.</summary>
    public TimeSpan TotalTimeout => _options.CurrentValue.Timeout is var timeout && timeout > TimeSpan.Zero ? timeout : DefaultTotalTimeout;

    private ResiliencePipeline<RegistryHttpResult> Build(RegistryResilienceOptions settings, ILogger logger)
    {
        return new ResiliencePipelineBuilder<RegistryHttpResult>()
            .AddTimeout(new TimeoutStrategyOptions
            {
                Name = "RegistryTotalTimeout",
                TimeoutGenerator = args => ValueTask.FromResult(TotalFor(args.Context)),
            })
            .AddRetry(new RetryStrategyOptions<RegistryHttpResult>
            {
                Name = "RegistryRetry",
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                MaxRetryAttempts = Math.Max(0, settings.MaxRetryAttempts),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfterHeader.DelayFor(args.Outcome.Result, settings.MaxRetryAfter)),
                OnRetry = args =>
                {
                    if (logger.IsEnabled(LogLevel.Information))
                    {
                        var operation = OperationOf(args.Context);
                        var reason = Describe(args.Outcome);
                        RegistryLog.Retrying(logger, operation, args.AttemptNumber + 1, reason, args.RetryDelay.TotalMilliseconds);
                    }

                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<RegistryHttpResult>
            {
                Name = "RegistryCircuitBreaker",
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                FailureRatio = settings.CircuitFailureRatio,
                MinimumThroughput = settings.CircuitMinimumThroughput,
                SamplingDuration = settings.CircuitSamplingDuration,
                BreakDuration = settings.CircuitBreakDuration,
                OnOpened = args =>
                {
                    LastOpenCause = Describe(args.Outcome);
                    Volatile.Write(ref _openUntil, Environment.TickCount64 + (long)args.BreakDuration.TotalMilliseconds);
                    if (logger.IsEnabled(LogLevel.Warning))
                    {
                        RegistryLog.CircuitOpened(logger, LastOpenCause, args.BreakDuration.TotalSeconds);
                    }

                    return default;
                },
                OnHalfOpened = _ =>
                {
                    Volatile.Write(ref _openUntil, long.MinValue);
                    RegistryLog.CircuitHalfOpened(logger);
                    return default;
                },
                OnClosed = _ =>
                {
                    Volatile.Write(ref _openUntil, long.MinValue);
                    RegistryLog.CircuitClosed(logger);
                    return default;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                Name = "RegistryAttemptTimeout",
                TimeoutGenerator = args => ValueTask.FromResult(TotalFor(args.Context) is var total && settings.AttemptTimeout > TimeSpan.Zero && settings.AttemptTimeout < total
                    ? settings.AttemptTimeout
                    : total),
            })
            .Build();
    }

    /// <summary>The call's own budget when it has one (never zero: a spent budget still times out at once), else the configured total.</summary>
    private TimeSpan TotalFor(ResilienceContext context) =>
        context.Properties.TryGetValue(BudgetKey, out var budget) ? (budget > TimeSpan.Zero ? budget : TimeSpan.FromMilliseconds(1)) : TotalTimeout;

    /// <summary>Network errors, attempt timeouts, 408, 429 and 5xx. A caller's cancellation, 4xx and bad bodies are not.</summary>
    internal static bool IsTransient(Outcome<RegistryHttpResult> outcome) => outcome switch
    {
        { Exception: HttpRequestException or IOException or TimeoutRejectedException } => true,
        { Exception: null, Result: { } result } => result.IsTransient,
        _ => false,
    };

    private static string OperationOf(ResilienceContext context) =>
        context.Properties.TryGetValue(OperationKey, out var operation) ? operation : "unknown";

    private static string Describe(Outcome<RegistryHttpResult> outcome) => outcome switch
    {
        { Exception: HttpRequestException { HttpRequestError: var error } } => $"network: {error}",
        { Exception: TimeoutRejectedException } => "attempt timed out",
        { Exception: { } exception } => exception.GetType().Name,
        { Result: { } result } => $"HTTP {(int)result.StatusCode}",
        _ => "unknown",
    };
}
