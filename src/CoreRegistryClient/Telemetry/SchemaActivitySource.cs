using System.Diagnostics;

namespace CoreRegistryClient.Telemetry;

/// <summary>The library's one <see cref="ActivitySource"/>, named like its Meter, for the cold path: schema
/// loads, refreshes and index polls (never the per-message hot path).</summary>
internal static class SchemaActivitySource
{
    public const string Name = "CoreRegistryClient";

    public static ActivitySource Source { get; } = new(Name, typeof(SchemaActivitySource).Assembly.GetName().Version?.ToString());
}
