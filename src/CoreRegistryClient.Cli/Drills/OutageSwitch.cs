using System.Net;

namespace CoreRegistryClient.Cli.Drills;

/// <summary>Cuts the drilled service off from the registry, as a crashed registry or a network partition would: while
/// on, every registry request fails with a connection error before it leaves the process. The registry itself is never
/// touched, so an outage drill is safe against a shared registry.</summary>
internal sealed class OutageSwitch
{
    private volatile bool _cut;

    public bool Cut
    {
        get => _cut;
        set => _cut = value;
    }

    public DelegatingHandler CreateHandler() => new Handler(this);

    private sealed class Handler(OutageSwitch outage) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            outage.Cut
                ? Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Drill: the registry is cut off.", null, (HttpStatusCode?)null))
                : base.SendAsync(request, cancellationToken);
    }
}
