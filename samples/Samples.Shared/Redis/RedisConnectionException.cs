namespace CoreRegistryClient.Samples.Redis;

/// <summary>The server could not be reached, the connection broke, or a command timed out. The connection
/// is closed and the next command opens a new one.</summary>
public sealed class RedisConnectionException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RedisConnectionException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RedisConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RedisConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
