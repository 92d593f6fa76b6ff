using System.Collections.Frozen;
using CoreRegistryClient.Caching;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Enforcement;

/// <summary>An immutable view of the options, rebuilt when configuration changes, so the hot path reads one
/// reference and never touches <c>IOptionsMonitor</c> or a mutable dictionary.</summary>
internal sealed class PolicySnapshot
{
    private readonly FrozenDictionary<string, EnforcementMode>.AlternateLookup<ReadOnlySpan<char>>? _overrides;
    private readonly FrozenSet<string> _critical;
    private readonly uint _canaryThreshold;

    public PolicySnapshot(SchemaEnforcementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Enabled = options.Enabled;
        Mode = options.Mode;
        _canaryThreshold = CanarySelector.Threshold(options.CanaryStrictPercent);
        TrackPolicy = new TrackPolicy(options.Track, options.PreferTrack, options.FallbackTrack);
        _critical = options.CriticalSchemas.Select(SchemaNames.Canonical).ToFrozenSet(StringComparer.Ordinal);
        if (options.Overrides.Count > 0)
        {
            // Stored once, under the canonical name; lookups trim the caller's name as a span (no allocation).
            // A name written with the suffix wins over the same name without it only if given later: both mean one schema.
            var overrides = new Dictionary<string, EnforcementMode>(StringComparer.Ordinal);
            foreach (var (name, mode) in options.Overrides)
            {
                overrides[SchemaNames.Canonical(name)] = mode;
            }

            _overrides = overrides.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
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

    /// <summary>Whether a canonical name is one of the critical schemas.</summary>
    public bool IsCritical(string canonicalName) => _critical.Contains(canonicalName);

    /// <summary>The mode for one message: off when disabled, else the schema's override or the default, and a
    /// warn mode turns strict for keys in the canary.</summary>
    /// <param name="schemaName">The schema name, in either spelling.</param>
    /// <param name="key">The message key.</param>
    public EnforcementMode ModeFor(ReadOnlySpan<char> schemaName, string? key)
    {
        var canonicalName = SchemaNames.Trim(schemaName);
        if (!Enabled) return EnforcementMode.Off;
        var mode = Mode;
        if (_overrides is { } overrides && overrides.TryGetValue(canonicalName, out var overridden)) mode = overridden;
        if (mode == EnforcementMode.Warn && _canaryThreshold > 0 && key is not null && CanarySelector.Bucket(key) < _canaryThreshold)
        {
            mode = EnforcementMode.Strict;
        }

        return mode;
    }
}
