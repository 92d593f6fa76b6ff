using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CoreRegistryClient.AspNetCore.Validation;

/// <summary>A request body read once into a pooled buffer: validated from there as UTF-8 bytes, then served to
/// model binding from the same bytes (no second read, no string), and the buffer returned when the request ends.</summary>
internal sealed class RequestBody : IDisposable
{
    private const int MinimumBuffer = 4096;
    private byte[]? _buffer;

    private RequestBody(byte[]? buffer, int length, bool tooLarge)
    {
        _buffer = buffer;
        Length = length;
        IsTooLarge = tooLarge;
    }

    /// <summary>No body at all (nothing to read).</summary>
    public static RequestBody Empty => new(null, 0, tooLarge: false);

    public int Length { get; }

    /// <summary>More than the limit: <see cref="Length"/> bytes were read (none when Content-Length said so up front).</summary>
    public bool IsTooLarge { get; }

    public ReadOnlyMemory<byte> Memory => _buffer is null ? default : _buffer.AsMemory(0, Length);

    /// <summary>Reads the body, stopping one byte past <paramref name="limit"/>; a declared Content-Length over the
    /// limit is refused without reading anything.</summary>
    /// <exception cref="BadHttpRequestException">The server refused the body (truncated, over Kestrel's own limit).</exception>
    /// <exception cref="IOException">The client went away.</exception>
    /// <exception cref="OperationCanceledException">The request was aborted.</exception>
    public static async ValueTask<RequestBody> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var declared = request.ContentLength;
        if (declared > limit) return new RequestBody(null, 0, tooLarge: true);
        if (declared == 0) return new RequestBody(null, 0, tooLarge: false);

        // One byte past the limit is enough to know it is exceeded.
        var cap = (int)Math.Min(limit + 1, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(declared ?? MinimumBuffer, cap));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= cap) return new RequestBody(buffer, length, tooLarge: true);
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, cap) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0) return new RequestBody(buffer, length, tooLarge: false);
                length += read;
                if (length > limit) return new RequestBody(buffer, length, tooLarge: true);
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Hands the body to the rest of the pipeline: the whole buffered body, or (when it was too large and
    /// is passed on unvalidated) the bytes read so far followed by the rest of the original stream. Registers the
    /// buffer for return when the request ends.</summary>
    public void ReplaceRequestBody(HttpContext context)
    {
        var request = context.Request;
        if (_buffer is null)
        {
            Dispose();
            return;
        }

        request.Body = IsTooLarge
            ? new PrefixedStream(_buffer, Length, request.Body)
            : new MemoryStream(_buffer, 0, Length, writable: false);
        // BodyReader wraps Body again from here on (the server's own pipe has been drained).
        context.Features.Set<IRequestBodyPipeFeature>(new RequestBodyPipeFeature(context));
        context.Response.RegisterForDispose(this);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer) ArrayPool<byte>.Shared.Return(buffer);
    }
}
