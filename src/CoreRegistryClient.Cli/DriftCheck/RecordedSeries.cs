namespace CoreRegistryClient.Cli.DriftCheck;

/// <summary>One instrument series recorded during a run.</summary>
/// <param name="Instrument">The instrument name, e.g. <c>schema_drift</c>.</param>
/// <param name="Description">The instrument's description (the HELP text).</param>
/// <param name="IsCounter">A counter (summed) rather than a gauge (last value).</param>
/// <param name="Labels">Tag names and values, ordered by name.</param>
/// <param name="Value">The sum or the last value.</param>
internal sealed record RecordedSeries(string Instrument, string? Description, bool IsCounter, IReadOnlyList<(string Key, string Value)> Labels, long Value);
