namespace CoreRegistryClient.Samples.Redis;

/// <summary>Base of every failure the small RESP client reports.</summary>
public class RedisException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RedisException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RedisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
