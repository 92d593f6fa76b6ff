namespace CoreRegistryClient.AspNetCore.Validation;

/// <summary>A read-only stream of some bytes already read, then the rest of another stream: a body too large to
/// validate in warn mode still reaches the handler whole.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : ReadOnlyForwardStream
{
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        if (_position < prefixLength) return CopyPrefix(buffer);
        return rest.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _position < prefixLength ? new(CopyPrefix(buffer.Span)) : rest.ReadAsync(buffer, cancellationToken);

    private int CopyPrefix(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, prefixLength - _position);
        prefix.AsSpan(_position, count).CopyTo(destination);
        _position += count;
        return count;
    }
}
