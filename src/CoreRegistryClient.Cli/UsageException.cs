namespace CoreRegistryClient.Cli;

/// <summary>The command line or its input files are wrong; the message says how (exit code 2).</summary>
internal sealed class UsageException : Exception
{
    public UsageException() : this("Invalid usage.") { }

    public UsageException(string message) : base(message) { }

    public UsageException(string message, Exception innerException) : base(message, innerException) { }
}
