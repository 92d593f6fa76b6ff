using System.Runtime.InteropServices;

namespace CoreRegistryClient.Cli;

/// <summary>Entry point of the <c>core-registry</c> tool.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var interrupted = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // Let the command stop cleanly (files are written atomically) and exit 130.
            interrupted.Cancel();
        };

        // A CI runner or container stop sends SIGTERM: the same clean stop (serve-test-registry ends its registry).
        using var terminated = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            interrupted.Cancel();
        });
        return await CoreRegistryCli.RunAsync(args, CliContext.ForProcess(), interrupted.Token).ConfigureAwait(false);
    }
}
