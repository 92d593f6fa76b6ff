using System.Globalization;
using System.Reflection;
using StackExchange.Redis;

namespace CoreRegistryClient.Benchmarks.Redis;

/// <summary>
/// What StackExchange.Redis spends on its own threads per stream entry it reads, against the same bytes read as one
/// string in the same run: the client's share of the Redis consumer's CPU (docs/fleet.md, "What StackExchange.Redis
/// costs the consumer, thread by thread"), without a consumer around it. Run with <c>--redis-read host:port [rounds]</c>
/// (benchmarks/redis-client-read.sh starts a redis-server and pins both).
/// </summary>
/// <remarks>Each case reads 256 entries (or their values' bytes) one request at a time, as the samples' bus reads a
/// batch, with the client's dedicated reader and writer threads as Pipeline.Sample runs it. CPU time comes per thread
/// from <c>/proc/self/task/*/schedstat</c> (Linux): wall time per read would mix in the server's work, which differs
/// between the cases. Cases alternate within each round, so the machine's drift falls on all of them.</remarks>
internal static class StreamReadCost
{
    private const int Entries = 256;
    private const int ValueBytes = 230; // about a Pipeline.Sample envelope (240-300 bytes)
    private const int WarmUpReads = 2_000;
    private const int MeasuredReads = 4_000;

    public static async Task<int> RunAsync(string endpoint, int rounds)
    {
        if (!Directory.Exists("/proc/self/task"))
        {
            await Console.Error.WriteLineAsync("--redis-read reads each thread's CPU time from /proc: Linux only.");
            return 2;
        }

        ConnectionMultiplexer.SetFeatureFlag("DedicatedThreads", true);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var database = connection.GetDatabase();
        var prefix = "bench:redis-read:" + Guid.NewGuid().ToString("N");
        try
        {
            var cases = await CreateCasesAsync(database, prefix);
            var figures = cases.ToDictionary(c => c.Name, _ => new List<ThreadCpu>());
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, read) in cases)
                {
                    for (var i = 0; i < (round == 0 ? WarmUpReads : WarmUpReads / 4); i++)
                    {
                        await read();
                    }

                    var before = ThreadCpu.Snapshot();
                    for (var i = 0; i < MeasuredReads; i++)
                    {
                        await read();
                    }

                    figures[name].Add(ThreadCpu.Since(before) / (MeasuredReads * (double)Entries));
                }
            }

            Print(connection, rounds, cases.Select(c => (c.Name, figures[c.Name])).ToList());
            return 0;
        }
        finally
        {
            await database.KeyDeleteAsync([prefix + ":values", prefix + ":small", prefix + ":string"]);
        }
    }

    private static async Task<(string Name, Func<Task> Read)[]> CreateCasesAsync(IDatabase database, string prefix)
    {
        var value = new byte[ValueBytes];
        for (var i = 0; i < value.Length; i++)
        {
            value[i] = (byte)('a' + (i * 7 % 26));
        }

        var writes = new List<Task>();
        for (var i = 0; i < Entries; i++)
        {
            writes.Add(database.StreamAddAsync(prefix + ":values", "data", value));
            writes.Add(database.StreamAddAsync(prefix + ":small", "data", "x"));
        }

        writes.Add(database.StringSetAsync(prefix + ":string", new byte[Entries * ValueBytes]));
        await Task.WhenAll(writes);

        return
        [
            ("GET of the values' bytes as one string (baseline)", () => database.StringGetAsync(prefix + ":string")),
            ("XRANGE COUNT 256, typed (StreamRangeAsync)", () => database.StreamRangeAsync(prefix + ":values", count: Entries)),
            ("XRANGE COUNT 256, raw (ExecuteAsync)", () => database.ExecuteAsync("XRANGE", prefix + ":values", "-", "+", "COUNT", Entries)),
            ("XRANGE COUNT 256, typed, 1-byte values", () => database.StreamRangeAsync(prefix + ":small", count: Entries)),
        ];
    }

    private static void Print(ConnectionMultiplexer connection, int rounds, List<(string Name, List<ThreadCpu> Rounds)> results)
    {
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        Console.WriteLine(FormattableString.Invariant(
            $"conditions: {Entries} entries per read ({ValueBytes}-byte values unless said), one read at a time, {MeasuredReads} reads per case per round after warm-up, {rounds} rounds, cases alternating; DedicatedThreads; thread-pool spin limit {Environment.GetEnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit") ?? "default"}; call-counting delay {Environment.GetEnvironmentVariable("DOTNET_TC_CallCountingDelayMs") ?? "default"} ms"));
        Console.WriteLine(FormattableString.Invariant(
            $"software: .NET {Environment.Version}, StackExchange.Redis {ClientVersion()}, Redis {server.Version}; {Environment.ProcessorCount} CPU(s) visible to this process"));
        Console.WriteLine(FormattableString.Invariant($"CPU per entry, ns, median of the rounds (range); for the baseline, per {ValueBytes} bytes of the string"));
        Console.WriteLine("| case | client reader thread | client writer thread | thread pool | process | reader ÷ baseline |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var baseline = Median(results[0].Rounds, c => c.Reader);
        foreach (var (name, perRound) in results)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {Figure(perRound, c => c.Reader)} | {Figure(perRound, c => c.Writer)} | {Figure(perRound, c => c.Pool)} | {Figure(perRound, c => c.Process)} | {Median(perRound, c => c.Reader) / baseline:F1} |"));
        }
    }

    private static string ClientVersion() =>
        typeof(ConnectionMultiplexer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

    private static string Figure(List<ThreadCpu> rounds, Func<ThreadCpu, double> pick) =>
        FormattableString.Invariant($"{Median(rounds, pick):F0} ({rounds.Min(pick):F0}-{rounds.Max(pick):F0})");

    private static double Median(List<ThreadCpu> rounds, Func<ThreadCpu, double> pick)
    {
        var sorted = rounds.Select(pick).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>CPU nanoseconds by thread group: StackExchange.Redis's reader and writer, the thread pool (its workers
    /// and long-running tasks' threads; Linux truncates thread names to 15 characters), the process.</summary>
    private readonly record struct ThreadCpu(double Reader, double Writer, double Pool, double Process)
    {
        /// <summary>Each thread's name and CPU nanoseconds so far, by thread id.</summary>
        public static Dictionary<string, (string Name, double Nanoseconds)> Snapshot()
        {
            var threads = new Dictionary<string, (string, double)>(StringComparer.Ordinal);
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                    var nanoseconds = double.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                    threads[Path.GetFileName(task)] = (name, nanoseconds);
                }
                catch (IOException)
                {
                    // The thread ended between the listing and the read.
                }
            }

            return threads;
        }

        /// <summary>The CPU used since <paramref name="before"/> by the threads alive now (a thread that ended in
        /// between takes its time with it, so figures can be low; short of a thread id reused, never negative).</summary>
        public static ThreadCpu Since(Dictionary<string, (string Name, double Nanoseconds)> before)
        {
            double reader = 0, writer = 0, pool = 0, process = 0;
            foreach (var (id, (name, nanoseconds)) in Snapshot())
            {
                var used = nanoseconds - (before.TryGetValue(id, out var then) ? then.Nanoseconds : 0);
                process += used;
                if (name.StartsWith("SE.Redis Sync R", StringComparison.Ordinal))
                {
                    reader += used;
                }
                else if (name.StartsWith("SE.Redis Sync W", StringComparison.Ordinal))
                {
                    writer += used;
                }
                else if (name.StartsWith(".NET TP Worker", StringComparison.Ordinal) || name.StartsWith(".NET Long Runni", StringComparison.Ordinal))
                {
                    pool += used;
                }
            }

            return new ThreadCpu(reader, writer, pool, process);
        }

        public static ThreadCpu operator /(ThreadCpu a, double d) => new(a.Reader / d, a.Writer / d, a.Pool / d, a.Process / d);
    }
}
