namespace CoreRegistryClient.Redis;

/// <summary>A stream entry's <c>data</c> is not a valid envelope. The message is dead-lettered with
/// <see cref="Exception.Message"/> as the reason; it can never become valid by retrying.</summary>
public sealed class MalformedEnvelopeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MalformedEnvelopeException()
        : base("malformed envelope")
    {
    }

    /// <summary>Creates the exception.</summary>
    public MalformedEnvelopeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public MalformedEnvelopeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
