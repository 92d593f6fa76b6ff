namespace CoreRegistryClient.Samples.Metrics;

/// <summary>Names shared by the metrics wiring.</summary>
public static class SchemaMetrics
{
    /// <summary>The one Meter the CoreRegistryClient SDK records on.</summary>
    public const string MeterName = "CoreRegistryClient";

    /// <summary>Where <c>MapSchemaMetrics()</c> serves the text unless told otherwise.</summary>
    public const string DefaultPath = "/metrics";
}
