using System.Globalization;
using System.Text.Json;

namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>A real Prometheus server (Debian package <c>prometheus</c>) on a free loopback port, scraping one
/// target every second, with its data in a temp folder removed afterwards.</summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly ExternalProcess _process;
    private readonly HttpClient _http;

    private PrometheusServer(ExternalProcess process, Uri baseAddress)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<PrometheusServer> StartAsync(string job, Uri target)
    {
        var binary = ExternalTool.Require("prometheus", "prometheus");
        var directory = ExternalProcess.CreateDirectory("prometheus-test-");
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: {job}
                metrics_path: {target.AbsolutePath}
                static_configs:
                  - targets: ['{target.Host}:{target.Port}']
            """);
        var port = ExternalProcess.FreePort();
        var process = ExternalProcess.Start(binary, directory, [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}"]);
        var server = new PrometheusServer(process, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Evaluates an instant query until it returns a single sample equal to <paramref name="expected"/>
    /// (scrapes arrive once a second), or fails with the last answer after <paramref name="timeout"/>.</summary>
    public async Task<double?> WaitForValueAsync(string query, double expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        double? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await QueryScalarAsync(query);
            if (last == expected)
            {
                return last;
            }

            await Task.Delay(250);
        }

        return last;
    }

    /// <summary>The values of every sample an instant query returns (none when the query selects nothing).</summary>
    public async Task<IReadOnlyList<double>> QueryAsync(string query)
    {
        using var response = await _http.GetAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(query), UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        return [.. result.EnumerateArray().Select(r => double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture))];
    }

    /// <summary>Evaluates <paramref name="query"/> until it returns at least one finite sample, or returns the last
    /// (empty or NaN) answer after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<double>> WaitForDataAsync(string query, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<double> last = [];
        while (DateTime.UtcNow < deadline)
        {
            last = await QueryAsync(query);
            if (last.Count > 0 && last.All(double.IsFinite))
            {
                return last;
            }

            await Task.Delay(250);
        }

        return last;
    }

    public async Task<double?> QueryScalarAsync(string query)
    {
        using var response = await _http.GetAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(query), UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 1
            ? double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode} before becoming ready.");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("-/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException("prometheus did not become ready within 60 s.");
            }

            await Task.Delay(200);
        }
    }
}
