using System.Collections.Frozen;
using CoreRegistryClient.Caching;
using CoreRegistryClient.DependencyInjection;

namespace CoreRegistryClient.Enforcement;

/// <summary>An immutable view of the options, rebuilt when configuration changes, so the hot path reads one
/// reference and never touches <c>IOptionsMonitor</c> or a mutable dictionary.</summary>
internal sealed class PolicySnapshot
{
    private readonly FrozenDictionary<string, EnforcementMode>? _overrides;
    private readonly uint _canaryThreshold;

    public PolicySnapshot(SchemaEnforcementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Enabled = options.Enabled;
        Mode = options.Mode;
        _canaryThreshold = CanarySelector.Threshold(options.CanaryStrictPercent);
        TrackPolicy = new TrackPolicy(options.Track, options.PreferTrack, options.FallbackTrack);
        if (options.Overrides.Count > 0)
        {
            // Both spellings of each name, so a lookup never has to strip a ".schema" suffix (which would allocate).
            var overrides = new Dictionary<string, EnforcementMode>(StringComparer.Ordinal);
            foreach (var (name, mode) in options.Overrides)
            {
                overrides[SchemaNames.Normalize(name)] = mode;
                overrides[SchemaNames.Normalize(name) + ".schema"] = mode;
            }

            foreach (var (name, mode) in options.Overrides)
            {
                overrides[name] = mode;
            }

            _overrides = overrides.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }

    /// <summary>The options this snapshot was built from (for settings read off the hot path).</summary>
    public SchemaEnforcementOptions Options { get; }

    /// <summary>Whether registry access and validation are on.</summary>
    public bool Enabled { get; }

    /// <summary>The default mode.</summary>
    public EnforcementMode Mode { get; }

    /// <summary>Which tracks schemas come from.</summary>
    public TrackPolicy TrackPolicy { get; }

    /// <summary>The mode for one message: off when disabled, else the schema's override or the default, and a
    /// warn mode turns strict for keys in the canary.</summary>
    public EnforcementMode ModeFor(string schemaName, string? key)
    {
        if (!Enabled) return EnforcementMode.Off;
        var mode = Mode;
        if (_overrides is not null && _overrides.TryGetValue(schemaName, out var overridden)) mode = overridden;
        if (mode == EnforcementMode.Warn && _canaryThreshold > 0 && key is not null && CanarySelector.Bucket(key) < _canaryThreshold)
        {
            mode = EnforcementMode.Strict;
        }

        return mode;
    }
}
