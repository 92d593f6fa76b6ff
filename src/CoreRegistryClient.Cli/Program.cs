namespace CoreRegistryClient.Cli;

/// <summary>Entry point of the <c>core-registry</c> tool.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        _ = args;
        Console.Error.WriteLine("core-registry: not built yet (issue 4).");
        return 2;
    }
}
