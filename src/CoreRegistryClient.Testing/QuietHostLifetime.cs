using Microsoft.Extensions.Hosting;

namespace CoreRegistryClient.Testing;

/// <summary>A host lifetime that does nothing: the embedded server must not hook Ctrl+C/SIGTERM of the process
/// it is embedded in (the default console lifetime would), nor print start-up banners.</summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
