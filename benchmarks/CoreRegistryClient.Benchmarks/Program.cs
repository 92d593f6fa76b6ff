using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace CoreRegistryClient.Benchmarks;

internal static class Program
{
    // A shared 2-core CI box can take longer than BenchmarkDotNet's default two minutes to build the benchmark project.
    // --validate-timer prints our validate figures for benchmarks/ajv/compare.mjs instead; --loop runs one operation
    // for instruction counts (Engine/InstructionLoop.cs); --redis-read host:port [rounds] measures StackExchange.Redis's
    // CPU per stream entry (Redis/StreamReadCost.cs).
    private static void Main(string[] args)
    {
        if (args is ["--validate-timer"])
        {
            Engine.ValidateTimer.Run();
            return;
        }

        if (args is ["--redis-read", var endpoint, .. var rest])
        {
            var rounds = rest is [var text, ..] ? int.Parse(text, CultureInfo.InvariantCulture) : 3;
            if (rounds < 1)
            {
                Console.Error.WriteLine("--redis-read: rounds must be 1 or more.");
                Environment.ExitCode = 2;
                return;
            }

            Environment.ExitCode = Redis.StreamReadCost.RunAsync(endpoint, rounds).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--loop"])
        {
            Engine.InstructionLoop.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
    }
}
