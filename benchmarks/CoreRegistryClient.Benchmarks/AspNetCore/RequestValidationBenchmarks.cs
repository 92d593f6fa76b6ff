using BenchmarkDotNet.Attributes;
using CoreRegistryClient.AspNetCore;
using CoreRegistryClient.AspNetCore.Validation;
using CoreRegistryClient.Enforcement;
using CoreRegistryClient.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CoreRegistryClient.Benchmarks.AspNetCore;

/// <summary>What validating one request costs inside the app (no network): the validator on a fresh HttpContext
/// with a 1.9 KB valid body of the Portfolio.Api sample, in off (the baseline), warn and enforce. Allocations per
/// validated request are the difference to off; <see cref="SdkOnly"/> isolates the SDK's share.</summary>
[MemoryDiagnoser]
public class RequestValidationBenchmarks
{
    private const string Schema = "portfolio.AllocationRequest";
    private byte[] _body = [];
    private byte[] _invalidBody = [];
    private Endpoint _endpoint = null!;
    private ServiceProvider[] _providers = [];
    private RequestSchemaValidator _off = null!;
    private RequestSchemaValidator _warn = null!;
    private RequestSchemaValidator _enforce = null!;
    private ISchemaManager _manager = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        var sample = Path.Combine(BenchCorpus.RepositoryRoot, "samples", "Portfolio.Api");
        var registry = new InMemorySchemaRegistry().LoadDirectory(Path.Combine(sample, "schemas"));
        _body = await File.ReadAllBytesAsync(Path.Combine(sample, "golden", "allocations", "valid", "twenty-targets-round-lots.json"));
        _invalidBody = await File.ReadAllBytesAsync(Path.Combine(sample, "golden", "allocations", "invalid", "out-of-range.json"));
        _endpoint = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/allocations"), 0,
            new EndpointMetadataCollection(new ValidateSchemaAttribute(Schema)), "POST /allocations");
        _providers = [Provider("off", registry), Provider("warn", registry), Provider("enforce", registry)];
        (_off, _warn, _enforce) = (Validator(_providers[0]), Validator(_providers[1]), Validator(_providers[2]));
        _manager = _providers[1].GetRequiredService<ISchemaManager>();
        foreach (var provider in _providers)
        {
            await provider.GetRequiredService<ISchemaManager>().PreloadAsync([Schema]);
        }
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        foreach (var provider in _providers) provider.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<bool> Off() => RunAsync(_off, _body);

    [Benchmark]
    public Task<bool> Warn() => RunAsync(_warn, _body);

    [Benchmark]
    public Task<bool> Enforce() => RunAsync(_enforce, _body);

    [Benchmark]
    public Task<bool> EnforceInvalid() => RunAsync(_enforce, _invalidBody);

    /// <summary>The SDK call alone on the same body (what the HTTP layer wraps): Warn minus this is the HTTP layer's share.</summary>
    [Benchmark]
    public async Task<bool> SdkOnly() =>
        (await _manager.EvaluateAsync(Schema, _body, EnforcementMode.Warn)).IsValid;

    private async Task<bool> RunAsync(RequestSchemaValidator validator, byte[] body)
    {
        var context = new DefaultHttpContext();
        var response = new CompletingResponseFeature();
        context.Features.Set<IHttpResponseFeature>(response);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.SetEndpoint(_endpoint);
        var result = await validator.ValidateAsync(context);
        await response.CompleteAsync();
        return result;
    }

    private static RequestSchemaValidator Validator(IServiceProvider provider) => provider.GetRequiredService<RequestSchemaValidator>();

    private static ServiceProvider Provider(string mode, InMemorySchemaRegistry registry)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["REGISTRY_ENABLED"] = "true",
            ["REGISTRY_URL"] = "http://127.0.0.1:9/",
            ["REGISTRY_ENFORCEMENT"] = mode,
            ["REGISTRY_POLL_SECONDS"] = "0",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSchemaEnforcement(configuration).AddSingleton<Registry.ISchemaRegistryClient>(registry);
        services.AddHttpValidation();
        return services.BuildServiceProvider();
    }

    /// <summary>Runs the OnCompleted callbacks (RegisterForDispose: the pooled body buffer goes back) as a server does.</summary>
    private sealed class CompletingResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _completed = [];

        public override void OnCompleted(Func<object, Task> callback, object state) => _completed.Add((callback, state));

        public async Task CompleteAsync()
        {
            foreach (var (callback, state) in _completed) await callback(state);
        }
    }
}
