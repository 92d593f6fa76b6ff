using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace CoreRegistryClient.Benchmarks;

internal static class Program
{
    // A shared 2-core CI box can take longer than BenchmarkDotNet's default two minutes to build the benchmark project.
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
        .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
}
