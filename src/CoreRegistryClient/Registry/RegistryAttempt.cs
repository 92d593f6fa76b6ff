using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace CoreRegistryClient.Registry;

/// <summary>Sends one HTTP attempt of a call (a fresh request message each time, as a message cannot be sent twice)
/// and buffers a successful body within the attempt's time budget.</summary>
internal sealed class RegistryAttempt
{
    private readonly HttpClient _client;
    private readonly HttpMethod _method;
    private readonly Uri _uri;
    private readonly byte[]? _body;
    private readonly string? _token;
    private readonly long _maxResponseBytes;
    private readonly string _endpoint;
    private int _count;

    public RegistryAttempt(HttpClient client, HttpMethod method, Uri uri, byte[]? body, string? token, long maxResponseBytes, string endpoint)
    {
        _client = client;
        _method = method;
        _uri = uri;
        _body = body;
        _token = token;
        _maxResponseBytes = maxResponseBytes;
        _endpoint = endpoint;
    }

    /// <summary>How many attempts were sent so far.</summary>
    public int Count => Volatile.Read(ref _count);

    public async ValueTask<RegistryHttpResult> SendAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        using var request = CreateRequest();
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var retryAfter = RetryAfterHeader.Read(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
        var body = response.IsSuccessStatusCode
            ? await ReadBodyAsync(response.Content, response.StatusCode, cancellationToken).ConfigureAwait(false)
            : [];
        return new RegistryHttpResult(response.StatusCode, body, retryAfter);
    }

    private HttpRequestMessage CreateRequest()
    {
        var request = new HttpRequestMessage(_method, _uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        if (_body is not null)
        {
            request.Content = new ByteArrayContent(_body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return request;
    }

    private async Task<byte[]> ReadBodyAsync(HttpContent content, HttpStatusCode status, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > _maxResponseBytes)
        {
            throw TooLarge(status);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream(declared is { } length ? (int)length : 0);
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > _maxResponseBytes)
                    {
                        throw TooLarge(status);
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.ToArray();
        }
    }

    private RegistryException TooLarge(HttpStatusCode status) => new(
        $"The registry's response to {_endpoint} is larger than {_maxResponseBytes} bytes; it was discarded.",
        RegistryErrorKind.InvalidResponse,
        status);
}
