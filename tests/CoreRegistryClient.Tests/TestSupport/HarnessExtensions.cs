using CoreRegistryClient.Caching;

namespace CoreRegistryClient.Tests.TestSupport;

internal static class HarnessExtensions
{
    /// <summary>Waits for the load (first fetch or background refresh) of a name, if one is running.</summary>
    public static async Task WaitForLoadAsync(this SchemaManagerHarness harness, string name)
    {
        if (harness.Cache.TryGetEntry(name, out var entry) && entry.InFlight is { } load)
        {
            await load.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public static CompiledSchema? Current(this SchemaManagerHarness harness, string name) =>
        harness.Cache.TryGetEntry(name, out var entry) ? entry.Current : null;
}
