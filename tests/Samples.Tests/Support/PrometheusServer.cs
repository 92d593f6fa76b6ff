using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CoreRegistryClient.Samples.Tests.Support;

/// <summary>A real Prometheus server (Debian package <c>prometheus</c>) on a free loopback port, scraping one
/// target every second, with its data in a temp folder removed afterwards.</summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<PrometheusServer> StartAsync(string job, Uri target)
    {
        var binary = ExternalTool.Require("prometheus", "prometheus");
        var directory = Directory.CreateTempSubdirectory("prometheus-test-").FullName;
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
        var port = FreePort();
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start prometheus.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
