namespace CoreRegistryClient.Samples.Redis;

/// <summary>The bytes from the server are not valid RESP2 (or not the reply shape the command documents).
/// The connection that produced them is closed, because its framing can no longer be trusted.</summary>
public sealed class RespProtocolException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RespProtocolException()
        : base("Invalid RESP data.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public RespProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RespProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
