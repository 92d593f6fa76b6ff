namespace CoreRegistryClient.Cli;

/// <summary>The command ran and its answer is "no" (a missing track, schema or index): exit code 1.</summary>
internal sealed class FindingException : Exception
{
    public FindingException() : this("Not found.") { }

    public FindingException(string message) : base(message) { }

    public FindingException(string message, Exception innerException) : base(message, innerException) { }
}
