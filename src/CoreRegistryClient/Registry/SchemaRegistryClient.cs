using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CoreRegistryClient.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CoreRegistryClient.Registry;

/// <summary>The registry's HTTP API over an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>, with retries,
/// timeouts and a circuit breaker (<see cref="RegistryResiliencePipeline"/>).</summary>
/// <remarks>
/// <para>A singleton: it asks the factory for a client per call, so handler rotation (DNS changes) keeps working.
/// The base URL and token are read from <see cref="SchemaEnforcementOptions"/> on every call, so a configuration
/// reload applies without a restart. The token is set on each request, never as a default header.</para>
/// <para>Names: the name is sent as given; on a 404 the other spelling (with <c>.schema</c> added, or removed when
/// present) is tried once. The returned DTO carries the name as the registry spells it.</para>
/// </remarks>
internal sealed class SchemaRegistryClient : ISchemaRegistryClient
{
    /// <summary>The name of the <see cref="HttpClient"/> configured by <c>AddSchemaRegistryClient</c>.</summary>
    public const string HttpClientName = "CoreRegistryClient.Registry";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<SchemaEnforcementOptions> _options;
    private readonly RegistryResiliencePipeline _resilience;
    private readonly IRegistryCallObserver _observer;
    private readonly ILogger _logger;

    /// <summary>The last index served with an <c>ETag</c>, and where from: what a <c>304</c> stands for.</summary>
    private volatile IndexValidator? _lastIndex;

    public SchemaRegistryClient(
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<SchemaEnforcementOptions> options,
        RegistryResiliencePipeline resilience,
        IRegistryCallObserver observer,
        ILogger<SchemaRegistryClient> logger)
    {
        _httpClientFactory = httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _resilience = resilience ?? throw new ArgumentNullException(nameof(resilience));
        _observer = observer ?? throw new ArgumentNullException(nameof(observer));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public Task<RegistryHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HealthCall, RegistryResponseReader.ReadHealth, cancellationToken);

    /// <remarks>Conditional: once the registry has served the index with an <c>ETag</c>, the next read sends it as
    /// <c>If-None-Match</c>, and a <c>304 Not Modified</c> answer returns the index read then (no body is transferred or
    /// parsed). A registry that sends no <c>ETag</c> is read in full every time, as before.</remarks>
    public Task<SchemaIndex> GetIndexAsync(CancellationToken cancellationToken = default) =>
        GetIndexCoreAsync(async: true, budget: null, cancellationToken).AsTask();

    public Task<RegistrySchema> GetSchemaAsync(string track, string name, string? version = null, CancellationToken cancellationToken = default) =>
        SendAsync(SchemaCall(track, name, version, alternate: true), RegistryResponseReader.ReadSchema, cancellationToken);

    /// <summary>A schema load's fetch: synchronous (on a load thread, no thread-pool hop), within the load's
    /// <paramref name="budget"/> (the one time budget of the miss path), and for this spelling only (the loader asks the
    /// index for the other).</summary>
    /// <exception cref="NotSupportedException">A host-supplied HTTP handler cannot send synchronously.</exception>
    internal RegistrySchema GetSchema(string track, string name, TimeSpan budget, CancellationToken cancellationToken) =>
        Complete(SendCoreAsync(SchemaCall(track, name, null, alternate: false), static (result, endpoint) => RegistryResponseReader.ReadSchema(result.Body, endpoint), async: false, budget,
            cancellationToken));

    /// <summary>As <see cref="GetSchema"/>, for the health endpoint: the start-up call that opens the connection a first
    /// load reuses goes the synchronous way a load's fetch goes, so that it compiles that path too.</summary>
    internal RegistryHealth GetHealth(TimeSpan budget, CancellationToken cancellationToken) =>
        Complete(SendCoreAsync(HealthCall, static (result, endpoint) => RegistryResponseReader.ReadHealth(result.Body, endpoint), async: false, budget, cancellationToken));

    /// <summary>As <see cref="GetSchema"/>, for the index (conditional, as <see cref="GetIndexAsync"/>).</summary>
    internal SchemaIndex GetIndex(TimeSpan budget, CancellationToken cancellationToken) =>
        Complete(GetIndexCoreAsync(async: false, budget, cancellationToken));

    /// <summary>One index read, conditional on the last one from the same registry URL. The validator is taken once
    /// per call, so a 304 returns exactly the index whose tag was sent, whatever concurrent reads store meanwhile.</summary>
    private ValueTask<SchemaIndex> GetIndexCoreAsync(bool async, TimeSpan? budget, CancellationToken cancellationToken)
    {
        var baseUri = RegistryUri.TryParseBase(_options.CurrentValue.RegistryUrl);
        var last = _lastIndex;
        var known = last is not null && baseUri is not null && last.BaseUri == baseUri ? last : null;
        var call = known is null ? IndexCall : IndexCall with { IfNoneMatch = known.ETag };
        return SendCoreAsync<SchemaIndex>(call, (result, endpoint) =>
        {
            if (result.StatusCode == HttpStatusCode.NotModified) return known!.Index;
            var index = RegistryResponseReader.ReadIndex(result.Body, endpoint);
            _lastIndex = result.ETag is { } etag && baseUri is not null ? new IndexValidator(baseUri, etag, index) : null;
            return index;
        }, async, budget, cancellationToken);
    }

    private static RegistryCall HealthCall { get; } = new(RegistryOperation.Health, HttpMethod.Get, "health", "the health endpoint");

    private static RegistryCall IndexCall { get; } = new(RegistryOperation.Index, HttpMethod.Get, "index", "the index (check the registry URL and its path prefix)");

    private static RegistryCall SchemaCall(string track, string name, string? version, bool alternate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(track);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var query = version is null ? string.Empty : "?version=" + Uri.EscapeDataString(version);
        var subject = version is null
            ? $"Schema '{name}' on track '{track}'"
            : $"Version '{version}' of schema '{name}' on track '{track}'";
        return new RegistryCall(RegistryOperation.GetSchema, HttpMethod.Get, SchemaPath(track, name) + query, subject)
        {
            AlternatePath = alternate ? SchemaPath(track, SchemaNames.Alternate(name)) + query : null,
            SchemaName = name,
            Track = track,
        };
    }

    private static T Complete<T>(ValueTask<T> pending) =>
        pending.IsCompleted ? pending.GetAwaiter().GetResult() : throw new InvalidOperationException("A synchronous registry call did not complete synchronously.");

    public Task<RegistrySchema> GetSchemaByIdAsync(string schemaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaId);
        var call = new RegistryCall(RegistryOperation.GetSchemaById, HttpMethod.Get, ByIdPath(schemaId), $"Schema id '{schemaId}'")
        {
            AlternatePath = ByIdPath(SchemaNames.Alternate(schemaId)),
            SchemaName = schemaId,
        };
        return SendAsync(call, RegistryResponseReader.ReadSchema, cancellationToken);
    }

    public Task<IReadOnlyList<SchemaVersionInfo>> GetVersionsAsync(string track, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(track);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var call = new RegistryCall(RegistryOperation.GetVersions, HttpMethod.Get, SchemaPath(track, name) + "/versions", $"Schema '{name}' on track '{track}'")
        {
            AlternatePath = SchemaPath(track, SchemaNames.Alternate(name)) + "/versions",
            SchemaName = name,
            Track = track,
        };
        return SendAsync(call, RegistryResponseReader.ReadVersions, cancellationToken);
    }

    public Task<CompatibilityResult> CheckCompatibilityAsync(CompatibilityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(query.Name, nameof(query));
        var path = "compat/check"
            + "?name=" + Uri.EscapeDataString(query.Name)
            + "&from_track=" + Uri.EscapeDataString(query.FromTrack ?? string.Empty)
            + "&from_version=" + Uri.EscapeDataString(query.FromVersion ?? string.Empty)
            + "&to_track=" + Uri.EscapeDataString(query.ToTrack ?? string.Empty)
            + "&to_version=" + Uri.EscapeDataString(query.ToVersion ?? string.Empty);
        var call = new RegistryCall(RegistryOperation.CheckCompatibility, HttpMethod.Get, path, $"Schema '{query.Name}' ({query.FromTrack} {query.FromVersion} → {query.ToTrack} {query.ToVersion})")
        {
            SchemaName = query.Name,
        };
        return SendAsync(call, RegistryResponseReader.ReadCompatibility, cancellationToken);
    }

    public Task PublishSchemaAsync(PublishSchemaRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Track, nameof(request));
        var call = AdminCall(RegistryOperation.PublishSchema, "admin/schemas", JsonSerializer.SerializeToUtf8Bytes(request, RegistryJsonContext.Default.PublishSchemaRequest))
            with { SchemaName = request.Name, Track = request.Track };
        return SendAsync(call, RegistryResponseReader.IgnoreBody, cancellationToken);
    }

    public Task SyncAsync(SyncRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = AdminCall(RegistryOperation.Sync, "admin/sync", JsonSerializer.SerializeToUtf8Bytes(request, RegistryJsonContext.Default.SyncRequest));
        return SendAsync(call, RegistryResponseReader.IgnoreBody, cancellationToken);
    }

    public Task PostTelemetryAsync(TelemetryEvent telemetryEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(telemetryEvent);
        var call = AdminCall(RegistryOperation.PostTelemetry, "admin/telemetry", JsonSerializer.SerializeToUtf8Bytes(telemetryEvent, RegistryJsonContext.Default.TelemetryEvent));
        return SendAsync(call, RegistryResponseReader.IgnoreBody, cancellationToken);
    }

    private static string SchemaPath(string track, string name) => $"schemas/{RegistryUri.Segment(track)}/{RegistryUri.Segment(name)}";

    private static string ByIdPath(string schemaId) => "schemas/by-id/" + RegistryUri.Segment(schemaId);

    private static RegistryCall AdminCall(string operation, string path, byte[] body) =>
        new(operation, HttpMethod.Post, path, "The admin endpoint") { Body = body, RequiresToken = true };

    private Task<T> SendAsync<T>(RegistryCall call, Func<byte[], string, T> read, CancellationToken cancellationToken) =>
        SendCoreAsync(call, (result, endpoint) => read(result.Body, endpoint), async: true, budget: null, cancellationToken).AsTask();

    /// <summary>One logical call. With <paramref name="async"/> false every step is synchronous, so the returned task
    /// is complete when this returns.</summary>
    private async ValueTask<T> SendCoreAsync<T>(RegistryCall call, Func<RegistryHttpResult, string, T> read, bool async, TimeSpan? budget, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = StartActivity(call);
        var path = call.Path;
        int? status = null;
        try
        {
            var (baseUri, token) = ResolveConfiguration(call);
            RegistryLog.CallStarted(_logger, call.Operation, call.Method.Method, path);
            while (true)
            {
                status = null;
                var result = await ExecuteAsync(call, baseUri, path, token, async, budget, cancellationToken).ConfigureAwait(false);
                status = (int)result.StatusCode;
                if (result.StatusCode == HttpStatusCode.NotFound && call.AlternatePath is { } alternate && path != alternate)
                {
                    RegistryLog.NameFallback(_logger, call.Operation, path, alternate);
                    path = alternate;
                    continue;
                }

                // A 304 answers only a conditional call; anywhere else it is not what the contract promises.
                var notModified = result.StatusCode == HttpStatusCode.NotModified && call.IfNoneMatch is not null;
                if (!result.IsSuccess && !notModified)
                {
                    throw FromStatus(call, call.Describe(path), result.StatusCode);
                }

                var value = read(result, call.Describe(path));
                var elapsed = Stopwatch.GetElapsedTime(started);
                RegistryLog.CallSucceeded(_logger, call.Operation, status.Value, elapsed.TotalMilliseconds, call.Method.Method, path);
                activity?.SetTag("http.response.status_code", status.Value);
                _observer.OnCompleted(call.Operation, status, elapsed, null);
                return value;
            }
        }
        catch (RegistryException exception)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var statusCode = exception.StatusCode is { } code ? (int)code : status;
            if (exception.Kind == RegistryErrorKind.NotFound)
            {
                RegistryLog.NotFound(_logger, call.Operation, call.Method.Method, path);
            }
            else if (exception.Kind == RegistryErrorKind.RedirectRefused)
            {
                RegistryLog.RedirectRefused(_logger, call.Operation, call.Method.Method, path);
            }
            else if (exception.Kind != RegistryErrorKind.Configuration)
            {
                RegistryLog.CallFailed(_logger, exception, call.Operation, exception.Kind, statusCode, elapsed.TotalMilliseconds, call.Method.Method, path);
            }

            if (activity is not null)
            {
                activity.SetTag("http.response.status_code", statusCode);
                activity.SetTag("error.type", exception.Kind.ToString());
                activity.SetStatus(ActivityStatusCode.Error, exception.Kind.ToString());
            }

            _observer.OnCompleted(call.Operation, statusCode, elapsed, exception.Kind);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            throw;
        }
    }

    /// <summary>Reads the base URL and token for this call; a call that cannot be sent fails here, before any I/O.</summary>
    private (Uri BaseUri, string? Token) ResolveConfiguration(RegistryCall call)
    {
        var options = _options.CurrentValue;
        var baseUri = RegistryUri.TryParseBase(options.RegistryUrl);
        if (baseUri is null)
        {
            throw NotConfigured(call, "no absolute http(s) registry URL is configured (SchemaEnforcement:RegistryUrl or REGISTRY_URL)");
        }

        var token = string.IsNullOrWhiteSpace(options.Token) ? null : options.Token.Trim();
        if (call.RequiresToken && token is null)
        {
            throw NotConfigured(call, "admin calls need a registry token (SchemaEnforcement:Token or REGISTRY_TOKEN) and none is configured");
        }

        return (baseUri, token);
    }

    private RegistryException NotConfigured(RegistryCall call, string problem)
    {
        RegistryLog.NotConfigured(_logger, call.Operation, problem);
        return new RegistryException($"{call.Describe(call.Path)} was not sent: {problem}.", RegistryErrorKind.Configuration);
    }

    private async ValueTask<RegistryHttpResult> ExecuteAsync(RegistryCall call, Uri baseUri, string path, string? token, bool async, TimeSpan? budget,
        CancellationToken cancellationToken)
    {
        var endpoint = call.Describe(path);
        using var client = _httpClientFactory.CreateClient(HttpClientName);
        var attempt = new RegistryAttempt(client, call.Method, RegistryUri.Combine(baseUri, path), call.Body, token, _resilience.Options.MaxResponseBytes,
            endpoint, _options.CurrentValue.AllowCrossOriginRedirects, call.IfNoneMatch);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RegistryResiliencePipeline.OperationKey, call.Operation);
        if (budget is { } total) context.Properties.Set(RegistryResiliencePipeline.BudgetKey, total);
        try
        {
            return async
                ? await _resilience.Pipeline.ExecuteAsync(static (context, attempt) => attempt.SendAsync(context.CancellationToken), context, attempt).ConfigureAwait(false)
                : _resilience.Pipeline.Execute(static (context, attempt) => attempt.Send(context.CancellationToken), context, attempt);
        }
        catch (BrokenCircuitException exception)
        {
            var retry = exception.RetryAfter is { } after
                ? string.Create(CultureInfo.InvariantCulture, $"; the next probe is allowed in {after.TotalSeconds:0.#} s")
                : string.Empty;

            // The call whose failures opened the circuit reports what they were (the root cause an operator needs);
            // calls the open circuit stopped before sending anything report circuit_open, naming the cause.
            if (attempt.LastFailure is { } cause)
            {
                throw new RegistryUnavailableException(
                    $"{endpoint} failed after {attempt.Count} attempt(s) ({cause}); the registry circuit is now open{retry}.", cause, null, exception);
            }

            var opened = _resilience.LastOpenCause is { } reason ? $" ({reason})" : string.Empty;
            throw new RegistryUnavailableException(
                $"{endpoint} was not sent: the registry circuit is open after repeated failures{opened}{retry}.",
                RegistryErrorKind.CircuitOpen,
                null,
                exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new RegistryUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"{endpoint} timed out (budget {exception.Timeout.TotalSeconds:0.###} s) after {attempt.Count} attempt(s)."),
                RegistryErrorKind.Timeout,
                null,
                exception);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException exception)
        {
            throw new RegistryUnavailableException($"{endpoint} timed out after {attempt.Count} attempt(s).", RegistryErrorKind.Timeout, null, exception);
        }
        catch (HttpRequestException exception)
        {
            throw new RegistryUnavailableException(
                $"{endpoint} could not reach the registry after {attempt.Count} attempt(s) ({exception.HttpRequestError}).",
                RegistryErrorKind.Network,
                null,
                exception);
        }
        catch (IOException exception)
        {
            throw new RegistryUnavailableException(
                $"{endpoint} lost the connection to the registry after {attempt.Count} attempt(s).",
                RegistryErrorKind.Network,
                null,
                exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static RegistryException FromStatus(RegistryCall call, string endpoint, HttpStatusCode status)
    {
        var code = (int)status;
        return status switch
        {
            HttpStatusCode.NotFound => new SchemaNotFoundException($"{call.Subject} was not found in the registry ({endpoint} answered 404)."),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new RegistryException(
                $"The registry refused {endpoint} with {code} {status}: the token is missing, wrong or lacks the right.",
                RegistryErrorKind.Unauthorized,
                status),
            _ when RegistryHttpResult.IsTransientStatus(status) => new RegistryUnavailableException(
                $"The registry answered {endpoint} with {code} {status} and kept failing after retries.",
                RegistryErrorKind.Server,
                status),
            _ when code is >= 400 and < 500 => new RegistryException(
                $"The registry rejected {endpoint} with {code} {status}.",
                RegistryErrorKind.Rejected,
                status),
            _ => new RegistryException(
                $"The registry answered {endpoint} with an unexpected {code} {status}.",
                RegistryErrorKind.InvalidResponse,
                status),
        };
    }

    private static Activity? StartActivity(RegistryCall call)
    {
        var activity = RegistryActivitySource.Source.StartActivity("registry " + call.Operation, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("registry.operation", call.Operation);
            activity.SetTag("http.request.method", call.Method.Method);
            if (call.SchemaName is not null)
            {
                activity.SetTag("schema.name", call.SchemaName);
            }

            if (call.Track is not null)
            {
                activity.SetTag("schema.track", call.Track);
            }
        }

        return activity;
    }

    /// <summary>An index and the entity tag the registry served it with.</summary>
    private sealed record IndexValidator(Uri BaseUri, string ETag, SchemaIndex Index);
}
