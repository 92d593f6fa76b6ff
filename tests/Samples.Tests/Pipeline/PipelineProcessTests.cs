using CoreRegistryClient.Samples.Tests.Support;

namespace CoreRegistryClient.Samples.Tests.Pipeline;

/// <summary>The built Pipeline.Sample as a newcomer runs it: a process of its own, output redirected.</summary>
public class PipelineProcessTests
{
    private static Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? ExternalTool.Require("dotnet", "dotnet-sdk-10.0");
        return ExternalTool.RunAsync(dotnet, [Path.Combine(AppContext.BaseDirectory, "Pipeline.Sample.dll"), .. args], timeout: TimeSpan.FromMinutes(3));
    }

    [Test]
    public async Task A_run_with_count_exits_zero_and_ends_with_the_summary_line()
    {
        var (exit, output) = await RunAsync("--count", "200", "--rate", "2000", "--port", "0");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, output);
            Assert.That(lines[^1], Does.Match(PipelineSampleTests.SummaryPattern(200, 174, 26, 0, 0)), output);
            Assert.That(lines, Has.Some.Match(@"^pipeline: throughput 200 messages in [0-9.]+ s = \d+ msg/s \(bus=memory, first delivery to last completion, process CPU \d+\.\d us/msg, allocated \d+ B/msg, JIT-compiled \d+ methods\)$"), output);
            Assert.That(lines, Has.None.Match("^pipeline: steady throughput"), output);
        });
    }

    [Test]
    public async Task A_prefill_run_reports_the_steady_half_after_the_warm_up_next_to_the_whole_run()
    {
        var (exit, output) = await RunAsync("--prefill", "--count", "200", "--port", "0");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, output);
            Assert.That(lines, Has.Some.Match(@"^pipeline: throughput 200 messages in "), output);
            Assert.That(lines, Has.Some.Match(@"^pipeline: steady throughput 100 messages in [0-9.]+ s = \d+ msg/s \(bus=memory, second half, after the warm-up and the JIT settled, process CPU \d+\.\d us/msg, allocated \d+ B/msg, JIT-compiled \d+ methods\)$"), output);
        });
    }

    [Test]
    public void The_sample_runs_with_thread_pool_spinning_off()
    {
        // What `dotnet Pipeline.Sample.dll` starts with: the runtime reads it from the runtimeconfig.json beside the dll.
        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pipeline.Sample.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.That(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var limit), Is.True, properties.ToString());
        Assert.That(limit.GetInt32(), Is.Zero);
    }

    [TestCase("--count", "abc")]
    [TestCase("--rate", "abc")]
    [TestCase("--invalid-share", "abc")]
    [TestCase("--port", "abc")]
    [TestCase("--port", "99999")]
    public async Task A_bad_value_is_one_line_and_exit_code_1_without_a_stack_trace(string option, string value)
    {
        var (exit, output) = await RunAsync(option, value);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1), output);
            Assert.That(output.TrimEnd().Split('\n'), Has.Length.EqualTo(1), output);
            Assert.That(output, Does.StartWith($"pipeline: {option} must be").And.Not.Contain("Exception").And.Not.Contain("System."));
        });
    }

    [Test]
    public async Task An_unreachable_redis_ends_the_run_with_exit_code_3_after_retrying()
    {
        var (exit, output) = await RunAsync("--bus", "redis", "--redis", "127.0.0.1:1", "--produce", "--port", "0");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(3), output);
            Assert.That(output, Does.Contain("attempt 4 of 5: Connection refused); retrying in 4 s").And.Contain("did not answer after 5 attempts (Connection refused)").And.Not.Contain("Exception").And.Not.Contain("mc: "));
            Assert.That(output, Does.Not.Contain("received="));
        });
    }
}
