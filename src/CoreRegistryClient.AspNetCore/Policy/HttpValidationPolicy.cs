using CoreRegistryClient.AspNetCore.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoreRegistryClient.AspNetCore.Policy;

/// <summary>Holds the current <see cref="HttpPolicySnapshot"/> and rebuilds it when either the HTTP options or the
/// SDK's options reload, so an operator flips one endpoint (or all of them) without a restart.</summary>
/// <remarks>Invalid HTTP options stop start-up (the constructor throws); an invalid reload is logged (event 1105)
/// and the last valid policy stays in force. The SDK's own options never reach here invalid: its monitor keeps
/// the last valid ones.</remarks>
internal sealed class HttpValidationPolicy : IDisposable
{
    private readonly IOptionsMonitor<HttpValidationOptions> _http;
    private readonly IOptionsMonitor<SchemaEnforcementOptions> _sdk;
    private readonly HttpValidationMetrics _metrics;
    private readonly ILogger _logger;
    private readonly IDisposable? _httpSubscription;
    private readonly IDisposable? _sdkSubscription;
    private readonly Lock _gate = new();
    private HttpValidationOptions _lastValid;
    private string? _lastRefusal;
    private volatile HttpPolicySnapshot _current;

    public HttpValidationPolicy(IOptionsMonitor<HttpValidationOptions> http, IOptionsMonitor<SchemaEnforcementOptions> sdk,
        HttpValidationMetrics metrics, ILogger<HttpValidationPolicy> logger)
    {
        _http = http;
        _sdk = sdk;
        _metrics = metrics;
        _logger = logger;
        var options = http.CurrentValue;
        var failures = HttpValidationOptionsValidator.Validate(options);
        if (failures.Count > 0) throw new OptionsValidationException(Options.DefaultName, typeof(HttpValidationOptions), failures);
        _lastValid = options;
        _current = new HttpPolicySnapshot(options, sdk.CurrentValue, metrics);
        _httpSubscription = http.OnChange(OnHttpChanged);
        _sdkSubscription = sdk.OnChange(OnSdkChanged);
    }

    public HttpPolicySnapshot Current => _current;

    public void Dispose()
    {
        _httpSubscription?.Dispose();
        _sdkSubscription?.Dispose();
    }

    private void OnHttpChanged(HttpValidationOptions options, string? name)
    {
        if (name is not null && name != Options.DefaultName) return;
        var failures = HttpValidationOptionsValidator.Validate(options);
        lock (_gate)
        {
            if (failures.Count > 0)
            {
                // One reload can notify more than once; the same refusal is logged once.
                var refusal = string.Join(" ", failures);
                if (!string.Equals(refusal, _lastRefusal, StringComparison.Ordinal)) _logger.ConfigurationReloadRefused(refusal);
                _lastRefusal = refusal;
                return;
            }

            _lastRefusal = null;
            _lastValid = options;
            Swap(new HttpPolicySnapshot(options, _sdk.CurrentValue, _metrics));
        }
    }

    private void OnSdkChanged(SchemaEnforcementOptions options, string? name)
    {
        lock (_gate)
        {
            Swap(new HttpPolicySnapshot(_lastValid, options, _metrics));
        }
    }

    private void Swap(HttpPolicySnapshot next)
    {
        var previous = _current;
        _current = next;
        if (!previous.DescribesSameModes(next) && _logger.IsEnabled(LogLevel.Information)) _logger.PolicyChanged(next.Describe());
    }
}
