using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.Enforcement;

/// <summary>Holds the current <see cref="PolicySnapshot"/> and swaps it when configuration reloads, so a mode
/// flip (<c>REGISTRY_ENFORCEMENT=warn</c>, the documented rollback) takes effect without a restart.</summary>
/// <remarks>A reload that fails validation never reaches here (<see cref="DependencyInjection.LastValidOptionsMonitor"/>
/// logs and drops it), so the last valid policy stays in force.</remarks>
internal sealed class EnforcementPolicy : IDisposable
{
    private readonly ILogger _logger;
    private readonly IDisposable? _subscription;
    private volatile PolicySnapshot _current;

    public EnforcementPolicy(IOptionsMonitor<SchemaEnforcementOptions> options, ILogger<EnforcementPolicy> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _current = new PolicySnapshot(options.CurrentValue);
        _subscription = options.OnChange(Update);
    }

    /// <summary>The policy in force.</summary>
    public PolicySnapshot Current => _current;

    /// <summary>Raised after the policy changed, with the previous and the new snapshot.</summary>
    public event Action<PolicySnapshot, PolicySnapshot>? Changed;

    public void Dispose() => _subscription?.Dispose();

    private void Update(SchemaEnforcementOptions options)
    {
        var previous = _current;
        var next = new PolicySnapshot(options);
        _current = next;
        if (previous.Mode != next.Mode || previous.Enabled != next.Enabled)
        {
            _logger.EnforcementChanged(next.Enabled, next.Mode);
        }

        Changed?.Invoke(previous, next);
    }
}
