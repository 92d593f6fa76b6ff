namespace CoreRegistryClient.Tests.TestSupport;

/// <summary>A clock that moves only when told to (Microsoft.Extensions.TimeProvider.Testing is not in the package mirror).</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _utcTicks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref _utcTicks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
