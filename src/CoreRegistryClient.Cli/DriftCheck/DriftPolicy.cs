using CoreRegistryClient.Drift;
using CoreRegistryClient.Enforcement;

namespace CoreRegistryClient.Cli.DriftCheck;

/// <summary>How a drift report becomes an exit code, following the rollout: in <c>warn</c> (and <c>off</c>) drift is
/// reported and never fails; in <c>strict</c> breaking drift fails; <c>--fail-on</c> overrides the mode. An
/// incomplete check (registry unreachable, a schema it could not serve) is its own outcome, never drift.</summary>
/// <param name="FailOn">What drift fails the run.</param>
/// <param name="RegistryDown">What an incomplete check does.</param>
/// <param name="Reason">Where <paramref name="FailOn"/> came from, for messages (e.g. <c>mode strict</c>).</param>
internal sealed record DriftPolicy(DriftFailOn FailOn, RegistryDownPolicy RegistryDown, string Reason)
{
    /// <summary>The <c>--fail-on</c> a mode implies: breaking drift in strict, nothing otherwise.</summary>
    public static DriftFailOn ForMode(EnforcementMode mode) => mode == EnforcementMode.Strict ? DriftFailOn.Breaking : DriftFailOn.Never;

    /// <summary>The exit code and what to warn about.</summary>
    public DriftVerdict Judge(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failing = FailOn switch
        {
            DriftFailOn.Drift => report.Drifted > 0,
            DriftFailOn.Breaking => report.Breaking > 0,
            _ => false,
        };
        var incomplete = IncompleteReason(report);
        var exitCode = failing ? ExitCodes.Finding
            : incomplete is not null && RegistryDown == RegistryDownPolicy.Fail ? ExitCodes.RegistryUnavailable
            : ExitCodes.Success;

        var notes = new List<DriftNote>();
        if (incomplete is not null)
        {
            notes.Add(RegistryDown == RegistryDownPolicy.Fail
                ? new DriftNote(true, $"{incomplete}; exit {ExitCodes.RegistryUnavailable} (--registry-down fail).")
                : new DriftNote(false, $"{incomplete}; not failing the run (--registry-down warn)."));
        }

        if (report.Drifted > 0)
        {
            notes.Add(failing
                ? new DriftNote(true, $"{Describe(report)}: failing the run ({Reason}).")
                : new DriftNote(false, $"{Describe(report)}: reported, not failing the run ({Reason})."));
        }

        return new DriftVerdict(exitCode, failing, incomplete is not null, notes);
    }

    private static string? IncompleteReason(DriftReport report)
    {
        if (!report.RegistryAvailable)
        {
            return $"registry unavailable ({(report.RegistryError ?? "unknown error").TrimEnd('.')}): every status is unknown, this is not drift";
        }

        return report.Unknown > 0 ? $"{report.Unknown} schema(s) could not be compared (status unknown, see the report's errors)" : null;
    }

    private static string Describe(DriftReport report) =>
        $"{report.Drifted} schema(s) drifted on track {report.Track}, {report.Breaking} breaking";
}
