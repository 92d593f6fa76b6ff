namespace CoreRegistryClient.Cli.DriftCheck;

/// <summary>What a drift run ends with.</summary>
/// <param name="ExitCode">0, 1 (failing drift) or 3 (incomplete, with <c>--registry-down fail</c>).</param>
/// <param name="Failing">Whether drift fails the run.</param>
/// <param name="Incomplete">Whether the registry could not answer for some or all schemas.</param>
/// <param name="Notes">One line per outcome worth telling a CI log.</param>
internal sealed record DriftVerdict(int ExitCode, bool Failing, bool Incomplete, IReadOnlyList<DriftNote> Notes);

/// <summary>A line for the CI log: an error when it is why the run fails, else a warning.</summary>
internal sealed record DriftNote(bool FailsTheRun, string Message);
