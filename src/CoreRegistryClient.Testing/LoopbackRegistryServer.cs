using System.Globalization;
using System.Net;
using CoreRegistryClient.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoreRegistryClient.Testing;

/// <summary>A real HTTP schema registry on <c>127.0.0.1</c> (Kestrel), speaking the registry API over an
/// <see cref="InMemorySchemaRegistry"/>, with fault switches for outage drills. For integration tests, and as the
/// embedded registry of samples.</summary>
/// <remarks>
/// <para>Endpoints (below the optional <see cref="LoopbackRegistryServerOptions.PathPrefix"/>): <c>GET /health</c>,
/// <c>GET /index</c> (with a strong <c>ETag</c>, answering <c>304 Not Modified</c> to a matching <c>If-None-Match</c>),
/// <c>GET /schemas/{track}/{name}[?version=]</c>, <c>GET /schemas/by-id/{id}</c>,
/// <c>GET /schemas/{track}/{name}/versions</c>, <c>GET /compat/check</c>, and <c>POST /admin/schemas</c>,
/// <c>/admin/sync</c>, <c>/admin/telemetry</c> (a publish calls <see cref="LoopbackRegistryServerOptions.SchemaPublished"/>; Bearer token required when <see cref="LoopbackRegistryServerOptions.Token"/>
/// is set). Names are matched exactly as stored, like a real registry. Changing <see cref="Registry"/> while the server
/// runs changes what it serves, including the <c>sha256</c> values in the index.</para>
/// <para>Faults are applied to every request in this order, and can be changed at any time from any thread:
/// <see cref="Down"/>, <see cref="Hang"/>, <see cref="Delay"/>, <see cref="ForceStatus"/> rules, <see cref="RedirectSchemasTo"/>,
/// <see cref="Flapping"/>, <see cref="CorruptBody"/>, then <see cref="WrongSha"/> and <see cref="CatastrophicPattern"/> on the
/// schemas served. A flood of unknown names needs no switch: every name the registry lacks answers 404, as a real one would.
/// Every request is counted before any fault applies (<see cref="RequestCount"/>). The server logs nothing.</para>
/// <example><code>
/// await using var server = await LoopbackRegistryServer.StartAsync(new LoopbackRegistryServerOptions { PathPrefix = "/api/v1" });
/// server.Registry.Add("v1", "telemetry.FeedbackEvent", "1.0.0", """{"type":"object"}""");
/// options.RegistryUrl = server.BaseUri.ToString();
/// server.ForceStatus(HttpStatusCode.ServiceUnavailable, "/schemas", times: 1); // the next schema fetch fails once
/// </code></example>
/// </remarks>
public sealed class LoopbackRegistryServer : IAsyncDisposable
{
    /// <summary>Marks a redirected request, so a redirect to this same server is answered, not redirected again.</summary>
    private const string RedirectedMarker = "redirected";

    private readonly WebApplication _app;
    private readonly RegistryFaults _faults = new();
    private readonly RequestJournal _journal = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _pathPrefix;
    private readonly RegistryApi _api;
    private int _disposed;

    private LoopbackRegistryServer(WebApplication app, InMemorySchemaRegistry registry, string pathPrefix, string? token, bool indexETags,
        Func<RegistrySchema, CancellationToken, Task>? published)
    {
        _app = app;
        Registry = registry;
        _pathPrefix = pathPrefix;
        _api = new RegistryApi(registry, token, _faults, indexETags, published);
        BaseUri = null!;
    }

    /// <summary>The registry URL to give clients: <c>http://127.0.0.1:{port}</c> plus the path prefix, e.g.
    /// <c>http://127.0.0.1:41234/api/v1</c>.</summary>
    public Uri BaseUri { get; private set; }

    /// <summary>The schemas served; change them at any time.</summary>
    public InMemorySchemaRegistry Registry { get; }

    /// <summary>When true, the server drops every connection without answering, as a crashed registry would:
    /// clients see a network error. (The client's HTTP stack may reconnect once by itself, so a dropped request can be
    /// counted twice.) Default: false.</summary>
    public bool Down
    {
        get => _faults.Down;
        set => _faults.Down = value;
    }

    /// <summary>How long the server waits before answering each request (a slow registry). Default: zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan Delay
    {
        get => _faults.Delay;
        set => _faults.Delay = value;
    }

    /// <summary>When true, every request gets <c>200 OK</c> with a truncated, invalid JSON body. Default: false.</summary>
    public bool CorruptBody
    {
        get => _faults.CorruptBody;
        set => _faults.CorruptBody = value;
    }

    /// <summary>When true, requests alternately fail with <c>503</c> and succeed, starting with a failure. Default: false.</summary>
    public bool Flapping
    {
        get => _faults.Flapping;
        set => _faults.Flapping = value;
    }

    /// <summary>When true, every request is accepted and never answered (a registry that hangs), until the client
    /// gives up, the switch goes off or the server stops. Default: false.</summary>
    public bool Hang
    {
        get => _faults.Hang;
        set => _faults.Hang = value;
    }

    /// <summary>When true, schema responses carry a <c>sha256</c> that does not match their content (a registry that
    /// lies, or content altered in transit). Default: false.</summary>
    public bool WrongSha
    {
        get => _faults.WrongSha;
        set => _faults.WrongSha = value;
    }

    /// <summary>When true, every schema served is replaced by <see cref="CatastrophicPatternSchema"/> (with its true
    /// sha256): a schema whose <c>pattern</c> backtracks catastrophically on <see cref="CatastrophicPatternPayload"/>.
    /// Default: false.</summary>
    public bool CatastrophicPattern
    {
        get => _faults.CatastrophicPattern;
        set => _faults.CatastrophicPattern = value;
    }

    /// <summary>When set, schema requests (<c>/schemas/...</c>) are answered <c>302 Found</c> pointing at the same path
    /// and query below this base URL (plus a <c>redirected=1</c> marker), e.g. another server's <see cref="BaseUri"/> (a
    /// cross-origin redirect) or this server's own (same origin: the marked request is then served). Default: none.</summary>
    public Uri? RedirectSchemasTo
    {
        get => _faults.RedirectTo;
        set => _faults.RedirectTo = value;
    }

    /// <summary>A schema with a nested-quantifier <c>pattern</c> (<c>^(a+)+$</c>) on <c>id</c>.</summary>
    public const string CatastrophicPatternSchema = """{"type":"object","properties":{"id":{"type":"string","pattern":"^(a+)+$"}}}""";

    /// <summary>A payload on which <see cref="CatastrophicPatternSchema"/> backtracks: forty <c>a</c>s and a <c>!</c>.</summary>
    public const string CatastrophicPatternPayload = """{"id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"}""";

    /// <summary>The most recent requests (up to 1000), oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _journal.Recent;

    /// <summary>Starts a server with an empty registry on an ephemeral port.</summary>
    public static Task<LoopbackRegistryServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new LoopbackRegistryServerOptions(), cancellationToken);

    /// <summary>Starts a server serving <paramref name="registry"/> on an ephemeral port.</summary>
    public static Task<LoopbackRegistryServer> StartAsync(InMemorySchemaRegistry registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return StartAsync(new LoopbackRegistryServerOptions { Registry = registry }, cancellationToken);
    }

    /// <summary>Starts a server; returns once it accepts connections.</summary>
    /// <exception cref="DirectoryNotFoundException">The <see cref="LoopbackRegistryServerOptions.SchemaDirectory"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">A schema file is not valid.</exception>
    public static async Task<LoopbackRegistryServer> StartAsync(LoopbackRegistryServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        var registry = options.Registry ?? new InMemorySchemaRegistry();
        if (options.SchemaDirectory is not null)
        {
            registry.LoadDirectory(options.SchemaDirectory);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LoopbackRegistryServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // Hermetic: no appsettings.json, environment variables or console logging of the host process leak in.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
            if (options.KeepAliveTimeout is { } keepAlive) kestrel.Limits.KeepAliveTimeout = keepAlive;
        });

        var app = builder.Build();
        var server = new LoopbackRegistryServer(app, registry, NormalizePrefix(options.PathPrefix), string.IsNullOrEmpty(options.Token) ? null : options.Token,
            options.IndexETags, options.SchemaPublished);
        app.Run(server.HandleAndCountAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + server._pathPrefix);
        return server;
    }

    /// <summary>Forces an answer with <paramref name="status"/> for requests whose path (below the prefix) starts
    /// with <paramref name="pathPrefix"/>, e.g. <c>/schemas</c> or <c>/index</c>; for all requests when null. The newest
    /// matching rule wins. Use it for 404s, 401s, 5xx storms and "fails N times, then works" scenarios.</summary>
    /// <param name="status">The status to answer with.</param>
    /// <param name="pathPrefix">The path prefix the rule applies to, or null for every path.</param>
    /// <param name="times">How many requests the rule answers before it expires, or null for all until cleared.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> header (whole seconds, rounded up) to send, if any.</param>
    /// <param name="body">The body to send (as <c>application/json</c>). Default: <c>{"detail":"..."}</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is zero or negative.</exception>
    public void ForceStatus(HttpStatusCode status, string? pathPrefix = null, int? times = null, TimeSpan? retryAfter = null, string? body = null) =>
        _faults.Force(status, pathPrefix, times, retryAfter, body);

    /// <summary>Removes every <see cref="ForceStatus"/> rule.</summary>
    public void ClearForcedStatus() => _faults.ClearForced();

    /// <summary>Switches every fault off: not down, no delay, no forced status, not flapping, bodies intact.</summary>
    public void ResetFaults() => _faults.Reset();

    /// <summary>How many requests arrived whose path (below the prefix) starts with <paramref name="pathPrefix"/>
    /// (ordinal), e.g. <c>/schemas/v1/telemetry.FeedbackEvent</c>; all requests when null. Faulted requests count.</summary>
    public int RequestCount(string? pathPrefix = null) => _journal.Count(pathPrefix);

    /// <summary>How many responses with <paramref name="statusCode"/> were sent for paths (below the prefix) starting
    /// with <paramref name="pathPrefix"/> (ordinal); all paths when null. E.g. <c>ResponseCount("/index", 304)</c>: the
    /// conditional index reads answered without a body. Aborted requests (a fault) have no response and are not counted.</summary>
    public int ResponseCount(string? pathPrefix, int statusCode) => _journal.ResponseCount(pathPrefix, statusCode);

    /// <summary>Forgets every counted and recorded request.</summary>
    public void ResetRequests() => _journal.Reset();

    /// <summary>Completes once <see cref="RequestCount"/>(<paramref name="pathPrefix"/>) reaches <paramref name="count"/>:
    /// a signal to await instead of sleeping (e.g. "the poller has read the index twice").</summary>
    /// <param name="pathPrefix">The path prefix to count, or null for all requests.</param>
    /// <param name="count">The count to reach.</param>
    /// <param name="cancellationToken">Stops waiting (the task is then cancelled); pass a timeout.</param>
    public Task WaitForRequestsAsync(string? pathPrefix, int count, CancellationToken cancellationToken = default) =>
        _journal.WaitAsync(pathPrefix, count, cancellationToken);

    /// <summary>Stops the server; in-flight delayed requests are dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _stopping.Dispose();
        }
    }

    private async Task HandleAndCountAsync(HttpContext context)
    {
        await HandleAsync(context).ConfigureAwait(false);
        if (!context.RequestAborted.IsCancellationRequested) _journal.RecordResponse(SplitPath(context).Path, context.Response.StatusCode);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (path, segments) = SplitPath(context);
        var authorization = context.Request.Headers.Authorization;
        _journal.Record(new RecordedRequest(
            context.Request.Method,
            path,
            context.Request.QueryString.Value ?? string.Empty,
            authorization.Count == 0 ? null : authorization.ToString(),
            DateTimeOffset.UtcNow)
        {
            IfNoneMatch = context.Request.Headers.IfNoneMatch.Count == 0 ? null : context.Request.Headers.IfNoneMatch.ToString(),
        });

        if (_faults.Down)
        {
            context.Abort();
            return;
        }

        if (_faults.Hang)
        {
            using var hung = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, hung.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }
        }

        var delay = _faults.Delay;
        if (delay > TimeSpan.Zero)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(delay, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }
        }

        if (_faults.TakeForced(path) is { } forced)
        {
            if (forced.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            if (forced.Body is { } body)
            {
                context.Response.StatusCode = (int)forced.Status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body).ConfigureAwait(false);
            }
            else
            {
                await RegistryApi.WriteDetailAsync(context, (int)forced.Status, $"Forced {(int)forced.Status} by the test").ConfigureAwait(false);
            }

            return;
        }

        if (_faults.RedirectTo is { } redirect && path.StartsWith("/schemas/", StringComparison.Ordinal) && !context.Request.Query.ContainsKey(RedirectedMarker))
        {
            var query = context.Request.QueryString.Add(RedirectedMarker, "1");
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = redirect.GetLeftPart(UriPartial.Path).TrimEnd('/') + path + query.Value;
            return;
        }

        if (_faults.NextFlapFails())
        {
            await RegistryApi.WriteDetailAsync(context, StatusCodes.Status503ServiceUnavailable, "Flapping").ConfigureAwait(false);
            return;
        }

        if (_faults.CorruptBody)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"name\": \"telemetry.Feedb").ConfigureAwait(false);
            return;
        }

        if (segments is null)
        {
            await RegistryApi.WriteDetailAsync(context, StatusCodes.Status404NotFound, "Not Found").ConfigureAwait(false);
            return;
        }

        await _api.HandleAsync(context, segments).ConfigureAwait(false);
    }

    /// <summary>The unescaped path below the prefix, and its unescaped segments (null when the request is outside
    /// the prefix). Works on the raw target so an escaped <c>/</c> stays inside its segment.</summary>
    private (string Path, string[]? Segments) SplitPath(HttpContext context)
    {
        var raw = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var rawPath = query >= 0 ? raw[..query] : raw;
        if (_pathPrefix.Length > 0)
        {
            var inside = rawPath.StartsWith(_pathPrefix, StringComparison.Ordinal)
                && (rawPath.Length == _pathPrefix.Length || rawPath[_pathPrefix.Length] == '/');
            if (!inside)
            {
                return (Uri.UnescapeDataString(rawPath), null);
            }

            rawPath = rawPath[_pathPrefix.Length..];
        }

        var segments = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        return ("/" + string.Join('/', segments), segments);
    }

    private static string NormalizePrefix(string? prefix)
    {
        var trimmed = prefix?.Trim().Trim('/');
        return string.IsNullOrEmpty(trimmed) ? string.Empty : "/" + trimmed;
    }
}
