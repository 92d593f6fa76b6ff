using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace CoreRegistryClient.Registry;

/// <summary>Sends one HTTP attempt of a call (a fresh request message each time, as a message cannot be sent twice),
/// follows redirects by the origin rule, and buffers a successful body within the attempt's time budget. Works
/// synchronously (a load thread: no thread-pool hop) or asynchronously.</summary>
/// <remarks>Redirects: the handler does not follow them (<c>AllowAutoRedirect = false</c>); this does, up to
/// <see cref="MaxRedirects"/>, when the target has the registry's origin (scheme, host and port), or any origin when
/// <c>AllowCrossOriginRedirects</c> is set, in which case the token is not sent there. Otherwise the call fails as
/// <see cref="RegistryErrorKind.RedirectRefused"/> before anything is requested from the other origin. A response that
/// a host's own handler followed to another origin is refused the same way.</remarks>
internal sealed class RegistryAttempt
{
    private const int MaxRedirects = 5;

    private readonly HttpClient _client;
    private readonly HttpMethod _method;
    private readonly Uri _uri;
    private readonly byte[]? _body;
    private readonly string? _token;
    private readonly long _maxResponseBytes;
    private readonly string _endpoint;
    private readonly bool _allowCrossOrigin;
    private readonly string? _ifNoneMatch;
    private int _count;
    private int _lastFailure = -1;

    public RegistryAttempt(HttpClient client, HttpMethod method, Uri uri, byte[]? body, string? token, long maxResponseBytes, string endpoint, bool allowCrossOrigin,
        string? ifNoneMatch = null)
    {
        _ifNoneMatch = ifNoneMatch;
        _client = client;
        _method = method;
        _uri = uri;
        _body = body;
        _token = token;
        _maxResponseBytes = maxResponseBytes;
        _endpoint = endpoint;
        _allowCrossOrigin = allowCrossOrigin;
    }

    /// <summary>How many attempts were sent so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Why the last attempt failed transiently (network, timeout, 5xx), or null: the root cause when the
    /// circuit then opens.</summary>
    public RegistryErrorKind? LastFailure => Volatile.Read(ref _lastFailure) is var kind and >= 0 ? (RegistryErrorKind)kind : null;

    public ValueTask<RegistryHttpResult> SendAsync(CancellationToken cancellationToken) => SendCoreAsync(async: true, cancellationToken);

    /// <summary>The same attempt, synchronously (the returned task is always complete).</summary>
    public RegistryHttpResult Send(CancellationToken cancellationToken)
    {
        var pending = SendCoreAsync(async: false, cancellationToken);
        return pending.IsCompleted ? pending.GetAwaiter().GetResult() : throw new InvalidOperationException("A synchronous attempt did not complete synchronously.");
    }

    private async ValueTask<RegistryHttpResult> SendCoreAsync(bool async, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        try
        {
            var result = await SendFollowingRedirectsAsync(async, cancellationToken).ConfigureAwait(false);
            if (result.IsTransient) Volatile.Write(ref _lastFailure, (int)RegistryErrorKind.Server);
            return result;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            Volatile.Write(ref _lastFailure, (int)RegistryErrorKind.Network);
            throw;
        }
        catch (OperationCanceledException)
        {
            Volatile.Write(ref _lastFailure, (int)RegistryErrorKind.Timeout);
            throw;
        }
    }

    private async ValueTask<RegistryHttpResult> SendFollowingRedirectsAsync(bool async, CancellationToken cancellationToken)
    {
        var target = _uri;
        var method = _method;
        for (var hop = 0; ; hop++)
        {
            var sameOrigin = SameOrigin(target, _uri);
            using var request = CreateRequest(method, target, sameOrigin ? _token : null);
            using var response = async
                ? await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false)
                : _client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.RequestMessage?.RequestUri is { } answered && !SameOrigin(answered, _uri) && !_allowCrossOrigin)
            {
                throw RedirectRefused(response.StatusCode); // a host's handler followed a redirect by itself
            }

            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(target, location);
                if (hop >= MaxRedirects)
                {
                    throw new RegistryException($"The registry redirected {_endpoint} more than {MaxRedirects} times.", RegistryErrorKind.InvalidResponse, response.StatusCode);
                }

                if (!SameOrigin(next, _uri) && !_allowCrossOrigin) throw RedirectRefused(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.SeeOther) method = HttpMethod.Get;
                target = next;
                continue;
            }

            var retryAfter = RetryAfterHeader.Read(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
            var body = response.IsSuccessStatusCode
                ? await ReadBodyAsync(response.Content, response.StatusCode, async, cancellationToken).ConfigureAwait(false)
                : [];
            var etag = response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified ? response.Headers.ETag?.ToString() : null;
            return new RegistryHttpResult(response.StatusCode, body, retryAfter, etag);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool SameOrigin(Uri left, Uri right) =>
        string.Equals(left.Scheme, right.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(left.IdnHost, right.IdnHost, StringComparison.OrdinalIgnoreCase)
        && left.Port == right.Port;

    private RegistryException RedirectRefused(HttpStatusCode status) => new(
        $"The registry redirected {_endpoint} to another origin; cross-origin redirects are refused (AllowCrossOriginRedirects).",
        RegistryErrorKind.RedirectRefused,
        status);

    private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, string? token)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_ifNoneMatch is not null && method == HttpMethod.Get)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", _ifNoneMatch);
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (_body is not null && method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(_body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return request;
    }

    private async ValueTask<byte[]> ReadBodyAsync(HttpContent content, HttpStatusCode status, bool async, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > _maxResponseBytes)
        {
            throw TooLarge(status);
        }

        var stream = async ? await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false) : content.ReadAsStream(cancellationToken);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var buffer = new MemoryStream(declared is { } length ? (int)length : 0);
            int read;
            while ((read = async ? await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false) : stream.Read(chunk)) > 0)
            {
                if (buffer.Length + read > _maxResponseBytes)
                {
                    throw TooLarge(status);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            if (async) await stream.DisposeAsync().ConfigureAwait(false);
            else stream.Dispose();
        }
    }

    private RegistryException TooLarge(HttpStatusCode status) => new(
        $"The registry's response to {_endpoint} is larger than {_maxResponseBytes} bytes; it was discarded.",
        RegistryErrorKind.InvalidResponse,
        status);
}
