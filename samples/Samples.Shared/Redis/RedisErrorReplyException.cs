namespace CoreRegistryClient.Samples.Redis;

/// <summary>The server answered a command with a RESP error reply (<c>-PREFIX message</c>). The connection
/// stays usable: an error reply is a complete, well-framed answer.</summary>
public sealed class RedisErrorReplyException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RedisErrorReplyException()
        : this("ERR unknown error")
    {
    }

    /// <summary>Creates the exception from the error text the server sent.</summary>
    public RedisErrorReplyException(string serverMessage)
        : base($"Redis error reply: {serverMessage}")
    {
        ServerMessage = serverMessage;
        var space = serverMessage.IndexOf(' ', StringComparison.Ordinal);
        Prefix = space < 0 ? serverMessage : serverMessage[..space];
    }

    /// <summary>Creates the exception.</summary>
    public RedisErrorReplyException(string serverMessage, Exception innerException)
        : base($"Redis error reply: {serverMessage}", innerException)
    {
        ServerMessage = serverMessage;
        Prefix = serverMessage.Split(' ', 2)[0];
    }

    /// <summary>The first word of the reply, e.g. <c>ERR</c>, <c>BUSYGROUP</c>, <c>NOGROUP</c>, <c>WRONGTYPE</c>.</summary>
    public string Prefix { get; } = "ERR";

    /// <summary>The full error text the server sent.</summary>
    public string ServerMessage { get; } = string.Empty;
}
