using System.Diagnostics;

namespace CoreRegistryClient.AspNetCore.Tests.Portfolio;

/// <summary>The sample's scrape, HTTP families included, passes <c>promtool check metrics</c> (Debian's <c>prometheus</c>
/// package, which .ci/run installs).</summary>
public class PromtoolMetricsTests
{
    [Test]
    public async Task The_scrape_with_every_http_family_passes_promtool_check_metrics()
    {
        await using var host = await PortfolioHost.StartAsync("warn");
        foreach (var endpoint in PortfolioHost.Endpoints)
        {
            foreach (var file in PortfolioHost.Golden(endpoint, "invalid").Take(2).Concat(PortfolioHost.Golden(endpoint, "valid").Take(1)))
            {
                using var response = await host.PostFileAsync(endpoint, file);
            }
        }

        var exposition = await host.Client.GetStringAsync("/metrics");
        var (exitCode, output) = await CheckMetricsAsync(exposition);
        Assert.Multiple(() =>
        {
            Assert.That(exposition, Does.Contain("schema_http_validation_errors_total{"));
            Assert.That((exitCode, output.Trim()), Is.EqualTo((0, string.Empty)), exposition);
        });
    }

    private static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("promtool is missing: apt-get install -y prometheus (.ci/run installs it)");
        using var process = Process.Start(new ProcessStartInfo(promtool, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
