using System.Diagnostics;

namespace CoreRegistryClient.Telemetry;

/// <summary>The library's one <see cref="ActivitySource"/>; registry calls start their spans here.</summary>
internal static class RegistryActivitySource
{
    /// <summary>The source name to subscribe to (e.g. <c>AddSchemaEnforcementInstrumentation()</c> on a TracerProviderBuilder).</summary>
    public const string Name = SchemaEnforcementInstrumentation.ActivitySourceName;

    public static readonly ActivitySource Source = new(Name, typeof(RegistryActivitySource).Assembly.GetName().Version?.ToString());
}
