using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CoreRegistryClient.AspNetCore.Validation;

/// <summary>A request body read once into a pooled buffer: validated from there as UTF-8 bytes, then served to
/// model binding from the same bytes (no second read, no string), and the buffer returned when the request ends.</summary>
/// <remarks>It is also the request's <c>BodyReader</c> once handed on: .NET 10's JSON binding reads the pipe, and a
/// pipe over bytes already in memory hands them over as they are, where a pipe over a stream would allocate its own
/// reader and segments and copy the bytes again. <c>Body</c> reads the same bytes from the same position.</remarks>
internal sealed class RequestBody : PipeReader, IRequestBodyPipeFeature, IDisposable
{
    private const int MinimumBuffer = 4096;
    private byte[]? _buffer;
    private int _position;
    private bool _cancelNextRead;
    private bool _completed;

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

    PipeReader IRequestBodyPipeFeature.Reader => this;

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
                // The server ends a Content-Length body at that length (it refuses a short one): no read just to see the end.
                if (length == declared) return new RequestBody(buffer, length, tooLarge: false);
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Hands the body to the rest of the pipeline: the whole buffered body (as both <c>Body</c> and
    /// <c>BodyReader</c>), or (when it was too large and is passed on unvalidated) the bytes read so far followed by
    /// the rest of the original stream. Registers the buffer for return when the request ends.</summary>
    public void ReplaceRequestBody(HttpContext context)
    {
        var request = context.Request;
        if (_buffer is null)
        {
            Dispose();
            return;
        }

        if (IsTooLarge)
        {
            request.Body = new PrefixedStream(_buffer, Length, request.Body);
            // BodyReader wraps Body again from here on (the server's own pipe has been partly drained).
            context.Features.Set<IRequestBodyPipeFeature>(new RequestBodyPipeFeature(context));
        }
        else
        {
            request.Body = new BufferedBodyStream(this);
            context.Features.Set<IRequestBodyPipeFeature>(this);
        }

        context.Response.RegisterForDispose(this);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer) ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Copies the next bytes (the <c>Body</c> stream's read).</summary>
    internal int Read(Span<byte> destination)
    {
        var remaining = Remaining();
        var count = Math.Min(destination.Length, remaining.Length);
        remaining[..count].CopyTo(destination);
        _position += count;
        return count;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (_completed) throw new InvalidOperationException("Reading is not allowed after the reader was completed.");
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(RequestBody), "The request has ended.");
        var canceled = _cancelNextRead;
        _cancelNextRead = false;
        // Everything is here: each read returns all that is left and says the body is complete.
        result = new ReadResult(new ReadOnlySequence<byte>(buffer, _position, Length - _position), canceled, isCompleted: !canceled);
        return true;
    }

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TryRead(out var result);
        return new ValueTask<ReadResult>(result);
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(RequestBody), "The request has ended.");
        // Positions come from a sequence over the same array; measured from index 0 of the whole body, the offset
        // is the index in the array, whichever slice the position came from.
        var position = (int)new ReadOnlySequence<byte>(buffer, 0, Length).GetOffset(consumed);
        if (position < _position) throw new InvalidOperationException("The consumed position is before the start of the last read.");
        _position = position;
    }

    public override void CancelPendingRead() => _cancelNextRead = true;

    public override void Complete(Exception? exception = null) => _completed = true;

    private ReadOnlySpan<byte> Remaining()
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(RequestBody), "The request has ended.");
        return buffer.AsSpan(_position, Length - _position);
    }
}
