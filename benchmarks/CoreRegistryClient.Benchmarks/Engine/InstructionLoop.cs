using System.Globalization;
using System.Runtime.InteropServices;
using CoreRegistryClient.JsonSchema;

namespace CoreRegistryClient.Benchmarks.Engine;

/// <summary><c>--loop</c>: instruction counts per operation under callgrind, every bench-corpus payload in one
/// process. Each of <see cref="TapeBenchmarks"/>' floor, reader and scanner, <c>IsValid</c> ("validate") and
/// <c>Validate(List)</c> ("list"; default options) runs once to compile it, then in turn a fixed number of times
/// between two calls of <c>getppid</c>, which nothing else here calls: run under
/// <c>valgrind --tool=callgrind --dump-before=getppid</c>, each dump after the first holds one operation's loop, and
/// the printed table says which one, how many iterations and how many gen0 collections landed in it (list output
/// allocates its errors; benchmarks/tape-instructions.sh raises the gen0 budget so that stays 0).</summary>
internal static partial class InstructionLoop
{
    private static readonly string[] s_operations = ["floor", "reader", "scanner", "validate", "list"];

    public static void Run()
    {
        // LOOP_FILTER (e.g. "md.BarBatch valid validate") keeps only the operations whose name contains it.
        var filter = Environment.GetEnvironmentVariable("LOOP_FILTER");
        var steps = new List<(string Name, int Iterations, Func<int> Step)>();
        foreach (var schema in BenchCorpus.Names)
        {
            var validator = JsonSchemaValidator.Parse(BenchCorpus.SchemaText(schema));
            foreach (var payload in new[] { "valid", "invalid" })
            {
                var tape = new TapeBenchmarks { Schema = schema, Payload = payload };
                tape.SetPayload();
                var bytes = BenchCorpus.Payload(schema, payload == "valid");
                var iterations = Math.Max(100, 200_000 / bytes.Length);
                foreach (var operation in s_operations)
                {
                    Func<int> step = operation switch
                    {
                        "floor" => () => tape.Floor(),
                        "reader" => () => tape.Reader(),
                        "scanner" => () => tape.Scanner(),
                        "list" => () => validator.Validate(bytes, OutputFormat.List).Errors.Count,
                        _ => () => validator.IsValid(bytes) ? 1 : 0,
                    };
                    var name = $"{schema} {payload} {operation}";
                    if (filter is null || name.Contains(filter, StringComparison.Ordinal))
                    {
                        steps.Add((name, iterations, step));
                    }
                }
            }
        }

        foreach (var (_, _, step) in steps)
        {
            _ = step();
        }

        _ = Marker(); // binds the call, so its one-time cost is not in the first operation's dump

        var collections = new int[steps.Count];
        for (var s = 0; s < steps.Count; s++)
        {
            var (_, iterations, step) = steps[s];
            var before = GC.CollectionCount(0);
            _ = Marker();
            for (var i = 0; i < iterations; i++)
            {
                _ = step();
            }

            collections[s] = GC.CollectionCount(0) - before;
        }

        _ = Marker();
        for (var s = 0; s < steps.Count; s++)
        {
            // Printed after the last dump, so console output is in none of the operations' counts.
            var (name, iterations, _) = steps[s];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {iterations} {collections[s]}"));
        }
    }

    /// <summary>A libc call callgrind can dump before (<c>--dump-before=getppid</c>).</summary>
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe blocks, which this project does not allow
    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int Marker();
#pragma warning restore SYSLIB1054
}
