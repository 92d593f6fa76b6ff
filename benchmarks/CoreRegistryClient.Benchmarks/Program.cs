using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace CoreRegistryClient.Benchmarks;

internal static class Program
{
    // A shared 2-core CI box can take longer than BenchmarkDotNet's default two minutes to build the benchmark project.
    // --validate-timer prints our validate figures for benchmarks/ajv/compare.mjs instead; --loop runs one operation
    // for instruction counts (Engine/InstructionLoop.cs).
    private static void Main(string[] args)
    {
        if (args is ["--validate-timer"])
        {
            Engine.ValidateTimer.Run();
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
