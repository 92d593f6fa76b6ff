using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CoreRegistryClient.DependencyInjection;

/// <summary>The <see cref="IOptionsMonitor{TOptions}"/> of <see cref="SchemaEnforcementOptions"/> inside the SDK: it
/// serves the last options that passed validation, so a bad reload leaves every component (the policy and the
/// registry client alike) working with the previous good values instead of throwing on every call.</summary>
/// <remarks>The stock monitor drops its cached value on a reload and rethrows the validation error from every
/// later <c>CurrentValue</c> read. Here a reload is validated once, through the options factory; a refused one is
/// logged (event 1020) and changes nothing. Before any valid value exists, reads throw like the stock monitor,
/// so <c>ValidateOnStart</c> still stops a host whose start-up configuration is invalid.</remarks>
internal sealed class LastValidOptionsMonitor : IOptionsMonitor<SchemaEnforcementOptions>, IDisposable
{
    private readonly IOptionsFactory<SchemaEnforcementOptions> _factory;
    private readonly ILogger _logger;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _gate = new();
    private Action<SchemaEnforcementOptions, string?>[] _listeners = [];
    private volatile SchemaEnforcementOptions? _current;

    public LastValidOptionsMonitor(IOptionsFactory<SchemaEnforcementOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<SchemaEnforcementOptions>> sources, ILogger<LastValidOptionsMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _factory = factory;
        _logger = logger;
        try
        {
            // Eagerly, so a reload arriving before the first read is judged against the options the host started with.
            _current = factory.Create(Options.DefaultName);
        }
        catch (OptionsValidationException)
        {
            // Left unset: reads throw the validation error, as the stock monitor does, and ValidateOnStart reports it.
        }

        foreach (var source in sources)
        {
            if (source.Name is null || source.Name == Options.DefaultName)
            {
                _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, Reload));
            }
        }
    }

    public SchemaEnforcementOptions CurrentValue
    {
        get
        {
            if (_current is { } current) return current;
            lock (_gate)
            {
                return _current ??= _factory.Create(Options.DefaultName);
            }
        }
    }

    public SchemaEnforcementOptions Get(string? name) =>
        name is null || name == Options.DefaultName ? CurrentValue : _factory.Create(name);

    public IDisposable? OnChange(Action<SchemaEnforcementOptions, string?> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        return new Subscription(this, listener);
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private void Reload()
    {
        SchemaEnforcementOptions next;
        try
        {
            next = _factory.Create(Options.DefaultName);
        }
        catch (OptionsValidationException exception)
        {
            // The validator's messages name settings and allowed values, never a token.
            _logger.ConfigurationReloadRefused(string.Join(" ", exception.Failures));
            return;
        }

        _current = next;
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            listener(next, Options.DefaultName);
        }
    }

    private void Remove(Action<SchemaEnforcementOptions, string?> listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners.Where(l => l != listener)];
        }
    }

    private sealed class Subscription(LastValidOptionsMonitor owner, Action<SchemaEnforcementOptions, string?> listener) : IDisposable
    {
        public void Dispose() => owner.Remove(listener);
    }
}
