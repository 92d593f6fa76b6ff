using Microsoft.Extensions.Options;

namespace CoreRegistryClient.Drift;

/// <summary>Rejects drift monitor options that could never run (no directory, no schedule, a sub-second interval).</summary>
internal sealed class SchemaDriftMonitorOptionsValidator : IValidateOptions<SchemaDriftMonitorOptions>
{
    internal static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, SchemaDriftMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SchemaDirectories.Count == 0)
        {
            failures.Add("SchemaDriftMonitor:SchemaDirectories needs at least one directory of local schema copies.");
        }
        else if (options.SchemaDirectories.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("SchemaDriftMonitor:SchemaDirectories has an empty entry.");
        }

        if (string.IsNullOrWhiteSpace(options.ReportDirectory))
        {
            failures.Add("SchemaDriftMonitor:ReportDirectory is empty (use \".\" for the current directory).");
        }

        if (options.Interval is null && options.DailyAtUtc is null)
        {
            failures.Add("SchemaDriftMonitor needs a schedule: DailyAtUtc, Interval or both.");
        }

        if (options.Interval is { } interval && interval < MinimumInterval)
        {
            failures.Add($"SchemaDriftMonitor:Interval is {interval}; it must be at least {MinimumInterval}.");
        }

        if (options.Repository is null)
        {
            failures.Add("SchemaDriftMonitor:Repository is null (use an empty string for none).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
