using System.Net;
using StackExchange.Redis;

namespace CoreRegistryClient.Samples.Messaging;

/// <summary>Reads the <c>--redis</c> value: a StackExchange.Redis configuration string (<c>host[:port]</c>, several
/// separated by commas, plus options such as <c>password=…</c> or <c>ssl=true</c>).</summary>
internal static class RedisConfiguration
{
    /// <summary>The default <c>--redis</c>.</summary>
    public const string Default = "localhost:6379";

    /// <summary>Options for <paramref name="configuration"/>, set to keep retrying in the background rather than
    /// fail the first connect (the samples check reachability themselves, with a clear message).</summary>
    /// <exception cref="FormatException">Not a configuration string, no endpoint, or a port outside 1–65535.</exception>
    public static ConfigurationOptions Parse(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            // The library's message names parameters and framework types; say what the option accepts instead.
            throw new FormatException($"'{configuration}' is not a Redis endpoint: use host[:port] with a port from 1 to 65535, or a StackExchange.Redis configuration string.", e);
        }

        if (options.EndPoints.Count == 0)
        {
            throw new FormatException($"'{configuration}' names no Redis endpoint: use host[:port], e.g. localhost:6379.");
        }

        foreach (var endpoint in options.EndPoints)
        {
            var port = endpoint switch { DnsEndPoint dns => dns.Port, IPEndPoint ip => ip.Port, _ => 0 };
            if (port is < 0 or > 65535)
            {
                throw new FormatException($"'{configuration}' has a port outside 1-65535.");
            }
        }

        options.AbortOnConnectFail = false;

        // While the connection is down a command fails at once instead of waiting in a backlog for its timeout:
        // the store counts the event as failed and goes on, the consumer pauses and retries.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 2000;
        options.ClientName ??= "samples";
        return options;
    }

    /// <summary>The endpoints as <c>host:port</c> (no password, no other options).</summary>
    public static string Describe(ConfigurationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Join(',', options.EndPoints.Select(e => e switch
        {
            DnsEndPoint dns => $"{dns.Host}:{(dns.Port == 0 ? 6379 : dns.Port)}",
            IPEndPoint ip => ip.ToString(),
            _ => e.ToString(),
        }));
    }
}
