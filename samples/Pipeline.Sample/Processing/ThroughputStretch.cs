namespace CoreRegistryClient.Samples.Pipeline.Processing;

/// <summary>What <see cref="ThroughputMeter"/> measured over one stretch of a run.</summary>
/// <param name="Messages">Messages completed in the stretch.</param>
/// <param name="Elapsed">Wall time, up to the last completion.</param>
/// <param name="Cpu">The process's CPU time (every thread) up to the consumer's stop; null before it stopped.</param>
/// <param name="JitCompiled">Methods the JIT compiled (every tier, every thread); null before the consumer stopped.</param>
/// <param name="AllocatedBytes">Bytes allocated by the process (every thread) up to the consumer's stop; null before it stopped.</param>
internal sealed record ThroughputStretch(long Messages, TimeSpan Elapsed, TimeSpan? Cpu, long? JitCompiled, long? AllocatedBytes)
{
    public double MessagesPerSecond => Elapsed > TimeSpan.Zero ? Messages / Elapsed.TotalSeconds : 0;

    public double? CpuMicrosecondsPerMessage => Cpu?.TotalMicroseconds / Messages;

    public double? BytesPerMessage => (double?)AllocatedBytes / Messages;
}
