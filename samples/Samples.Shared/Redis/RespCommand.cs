using System.Globalization;
using System.Text;

namespace CoreRegistryClient.Samples.Redis;

/// <summary>A command and its arguments, each sent as a RESP bulk string. Only the command name ever
/// appears in exception messages: arguments carry user data.</summary>
public sealed class RespCommand
{
    private readonly List<ReadOnlyMemory<byte>> _arguments = [];

    /// <summary>Starts a command, e.g. <c>new RespCommand("XADD")</c>.</summary>
    public RespCommand(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _arguments.Add(Encoding.UTF8.GetBytes(name));
    }

    /// <summary>The command name (first argument).</summary>
    public string Name { get; }

    /// <summary>All arguments including the command name.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Arguments => _arguments;

    /// <summary>Appends a UTF-8 text argument.</summary>
    public RespCommand Add(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        _arguments.Add(Encoding.UTF8.GetBytes(argument));
        return this;
    }

    /// <summary>Appends a binary argument.</summary>
    public RespCommand Add(ReadOnlyMemory<byte> argument)
    {
        _arguments.Add(argument);
        return this;
    }

    /// <summary>Appends an integer argument.</summary>
    public RespCommand Add(long argument) => Add(argument.ToString(CultureInfo.InvariantCulture));
}
