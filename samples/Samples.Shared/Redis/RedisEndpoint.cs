using System.Globalization;

namespace CoreRegistryClient.Samples.Redis;

/// <summary>Where a Redis server listens: <c>host[:port]</c>, default <c>localhost:6379</c>.</summary>
public sealed record RedisEndpoint(string Host, int Port)
{
    /// <summary>The port Redis listens on unless told otherwise.</summary>
    public const int DefaultPort = 6379;

    /// <summary><c>localhost:6379</c>.</summary>
    public static RedisEndpoint Default { get; } = new("localhost", DefaultPort);

    /// <summary>Parses <c>host</c>, <c>host:port</c> or <c>[ipv6]:port</c>.</summary>
    /// <exception cref="FormatException">The text is not an endpoint.</exception>
    public static RedisEndpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        string host;
        string? port = null;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"Redis endpoint '{text}' has an unclosed '['.");
            }

            host = value[1..close];
            var rest = value[(close + 1)..];
            if (rest.Length > 0)
            {
                port = rest.StartsWith(':') ? rest[1..] : throw new FormatException($"Redis endpoint '{text}' is not [host]:port.");
            }
        }
        else
        {
            var colon = value.LastIndexOf(':');
            host = colon < 0 ? value : value[..colon];
            port = colon < 0 ? null : value[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw new FormatException($"Redis endpoint '{text}' has no host.");
        }

        if (port is null)
        {
            return new RedisEndpoint(host, DefaultPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
            ? new RedisEndpoint(host, number)
            : throw new FormatException($"Redis endpoint '{text}' has an invalid port.");
    }

    /// <inheritdoc />
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
