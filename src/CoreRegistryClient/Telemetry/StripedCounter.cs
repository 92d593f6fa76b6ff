using System.Runtime.InteropServices;

namespace CoreRegistryClient.Telemetry;

/// <summary>A counter incremented from many cores at once without them fighting over one cache line: each core
/// adds to its own padded cell and a read sums the cells.</summary>
internal sealed class StripedCounter
{
    private readonly Cell[] _cells;
    private readonly int _mask;

    public StripedCounter()
    {
        var size = (int)Math.Min(64, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
        _cells = new Cell[size];
        _mask = size - 1;
    }

    /// <summary>The total of every increment so far.</summary>
    public long Value
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _cells.Length; i++)
            {
                total += Volatile.Read(ref _cells[i].Value);
            }

            return total;
        }
    }

    public void Increment() => Interlocked.Increment(ref _cells[Thread.GetCurrentProcessorId() & _mask].Value);

    /// <summary>128 bytes with the value in the middle, so neighbouring cells never share a cache line (or an
    /// adjacent-line prefetch pair).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Cell
    {
        [FieldOffset(64)]
        public long Value;
    }
}
