using CoreRegistryClient.AspNetCore.Policy;
using Microsoft.Extensions.Hosting;

namespace CoreRegistryClient.AspNetCore;

/// <summary>Builds the policy when the host starts (the constructor took it), so bad settings fail start-up.</summary>
internal sealed class HttpValidationStartup(HttpValidationPolicy policy) : IHostedService
{
    public HttpValidationPolicy Policy { get; } = policy;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
