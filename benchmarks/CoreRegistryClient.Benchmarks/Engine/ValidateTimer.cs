using System.Diagnostics;
using System.Globalization;
using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary>Our engine on the bench corpus timed the way <c>benchmarks/ajv/bench.mjs</c> times ajv (after warm-up,
/// the fastest of 150 batches of about 2 ms), printed as the same JSON lines, so <c>benchmarks/ajv/compare.mjs</c> can
/// put both in one table from one run. Run with <c>--validate-timer</c>; BenchmarkDotNet's own figures are in
/// <see cref="PeerValidationBenchmarks"/>.</summary>
internal static class ValidateTimer
{
    private const int Batches = 150;

    public static void Run()
    {
        foreach (var name in BenchCorpus.Names)
        {
            foreach (var valid in new[] { true, false })
            {
                var payload = BenchCorpus.Payload(name, valid);
                foreach (var formats in new[] { false, true })
                {
                    var validator = BenchCorpus.Compile(name, new JsonSchemaOptions { FormatAssertion = formats });
                    if (validator.IsValid(payload) != valid)
                    {
                        throw new InvalidOperationException($"{name}: our verdict disagrees with the corpus.");
                    }

                    var flag = Fastest(() => validator.IsValid(payload) ? 1 : 0);
                    var list = Fastest(() => validator.Validate(payload, OutputFormat.List).Errors.Count);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $$"""{"schema":"{{name}}","payload":"{{(valid ? "valid" : "invalid")}}","formats":{{(formats ? "true" : "false")}},"oursFlagNs":{{flag:F1}},"oursListNs":{{list:F1}}}"""));
                }
            }
        }
    }

    /// <summary>ns per call of the fastest of <see cref="Batches"/> batches of about 2 ms, after a second of warm-up
    /// (on a loaded machine the runtime takes that long to replace tier-0 code).</summary>
    private static double Fastest(Func<int> call)
    {
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 1_000)
        {
            _ = Run(call, 100);
        }

        var ops = 1;
        while (Run(call, ops) < 2_000_000)
        {
            ops *= 2;
        }

        var best = double.MaxValue;
        for (var b = 0; b < Batches; b++)
        {
            best = Math.Min(best, Run(call, ops) / ops);
        }

        return best;
    }

    /// <summary>Nanoseconds taken by <paramref name="ops"/> calls.</summary>
    private static double Run(Func<int> call, int ops)
    {
        var sink = 0;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < ops; i++)
        {
            sink += call();
        }

        var ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        GC.KeepAlive(sink);
        return ns;
    }
}
