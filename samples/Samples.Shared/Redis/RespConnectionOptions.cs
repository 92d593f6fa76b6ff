namespace CoreRegistryClient.Samples.Redis;

/// <summary>Limits for one <see cref="RespConnection"/>.</summary>
public sealed class RespConnectionOptions
{
    /// <summary>How long opening the TCP connection may take. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a command may wait for its reply, on top of any BLOCK time it asks for. Default 10 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest bulk string accepted from the server. Default 64 MiB.</summary>
    public int MaxBulkLength { get; set; } = RespReader.DefaultMaxBulkLength;
}
