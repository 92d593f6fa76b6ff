namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>How <see cref="ExternalTool.RunAsync(string, IEnumerable{string}, ProgramOptions)"/> runs a program.</summary>
internal sealed class ProgramOptions
{
    /// <summary>The working directory; the test's when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set (or, with a null value, remove) in the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Text written to stdin, which is then closed (it is closed at once when null).</summary>
    public string? StandardInput { get; init; }

    /// <summary>How long the program may run; two minutes when null.</summary>
    public TimeSpan? Timeout { get; init; }
}
