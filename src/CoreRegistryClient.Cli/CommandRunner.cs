using System.CommandLine;
using System.Text.Json;
using CoreRegistryClient.Drift;
using CoreRegistryClient.JsonSchema;
using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Cli;

/// <summary>Runs a command body and turns what it throws into a message on stderr and the documented exit code.</summary>
internal static class CommandRunner
{
    public static void SetAction(this Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(context, () => body(parse, cancellationToken), cancellationToken));

    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("Interrupted.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is UsageException or DirectoryNotFoundException or FileNotFoundException or InvalidDataException
            or InvalidSchemaException or CanonicalJsonException or ArgumentException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (FindingException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Finding;
        }
        catch (SchemaNotFoundException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Finding;
        }
        catch (RegistryException ex)
        {
            await context.Error.WriteLineAsync($"error: registry unavailable ({ex.Kind}): {ex.Message}").ConfigureAwait(false);
            return ExitCodes.RegistryUnavailable;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
#pragma warning disable CA1031 // The tool's last line of defence: a bug is reported with its own exit code, not a stack dump.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await context.Error.WriteLineAsync($"internal error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }
}
