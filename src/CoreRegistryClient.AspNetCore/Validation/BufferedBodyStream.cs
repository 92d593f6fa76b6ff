namespace CoreRegistryClient.AspNetCore.Validation;

/// <summary>The request's <c>Body</c> after validation: reads the buffered bytes through their
/// <see cref="RequestBody"/>, so <c>Body</c> and <c>BodyReader</c> share one position as they do on the server.</summary>
internal sealed class BufferedBodyStream(RequestBody body) : ReadOnlyForwardStream
{
    public override int Read(Span<byte> buffer) => body.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(body.Read(buffer.Span));
    }
}
