using System.Buffers;
using System.IO.Pipelines;
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
/// with a 1.9 KB valid body of the Portfolio.Api sample, in off (the baseline), warn and enforce, the body then read
/// through <c>BodyReader</c> as .NET 10's JSON binding does. Allocations per validated request are the difference to
/// off. The <c>Trivial*</c> cases validate the same bytes against <c>{}</c>, so what remains over off is the HTTP
/// layer's own cost (mode, buffering, headers, metrics, body hand-off) plus the engine's fixed tokenising cost, which
/// <see cref="TrivialSdkOnly"/> measures alone; <see cref="SdkOnly"/> is the engine on the real schema.</summary>
[MemoryDiagnoser]
public class RequestValidationBenchmarks
{
    private const string Schema = "portfolio.AllocationRequest";
    private const string TrivialSchema = "bench.Trivial";
    private byte[] _body = [];
    private byte[] _invalidBody = [];
    private Endpoint _endpoint = null!;
    private Endpoint _trivialEndpoint = null!;
    private ServiceProvider[] _providers = [];
    private RequestSchemaValidator _off = null!;
    private RequestSchemaValidator _warn = null!;
    private RequestSchemaValidator _enforce = null!;
    private ISchemaManager _manager = null!;

    // Synchronous: the in-process toolchain (--inProcess, used for quick A/B runs) does not await an async setup.
    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    private async Task SetUpAsync()
    {
        var sample = Path.Combine(BenchCorpus.RepositoryRoot, "samples", "Portfolio.Api");
        var registry = new InMemorySchemaRegistry().LoadDirectory(Path.Combine(sample, "schemas")).Add("v1", TrivialSchema, "1.0.0", "{}");
        _body = await File.ReadAllBytesAsync(Path.Combine(sample, "golden", "allocations", "valid", "twenty-targets-round-lots.json"));
        _invalidBody = await File.ReadAllBytesAsync(Path.Combine(sample, "golden", "allocations", "invalid", "out-of-range.json"));
        _endpoint = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/allocations"), 0,
            new EndpointMetadataCollection(new ValidateSchemaAttribute(Schema)), "POST /allocations");
        _trivialEndpoint = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/trivial"), 0,
            new EndpointMetadataCollection(new ValidateSchemaAttribute(TrivialSchema)), "POST /trivial");
        _providers = [Provider("off", registry), Provider("warn", registry), Provider("enforce", registry)];
        (_off, _warn, _enforce) = (Validator(_providers[0]), Validator(_providers[1]), Validator(_providers[2]));
        _manager = _providers[1].GetRequiredService<ISchemaManager>();
        foreach (var provider in _providers)
        {
            await provider.GetRequiredService<ISchemaManager>().PreloadAsync([Schema, TrivialSchema]);
        }
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        foreach (var provider in _providers) provider.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<bool> Off() => RunAsync(_off, _endpoint, _body);

    /// <summary>The HTTP layer with the engine's work reduced to tokenising (schema <c>{}</c>).</summary>
    [Benchmark]
    public Task<bool> TrivialWarn() => RunAsync(_warn, _trivialEndpoint, _body);

    [Benchmark]
    public Task<bool> TrivialEnforce() => RunAsync(_enforce, _trivialEndpoint, _body);

    /// <summary>The SDK call alone against <c>{}</c>: TrivialEnforce minus Off minus this is the HTTP layer's own share.</summary>
    [Benchmark]
    public async Task<bool> TrivialSdkOnly() =>
        (await _manager.EvaluateAsync(TrivialSchema, _body, EnforcementMode.Warn)).IsValid;

    [Benchmark]
    public Task<bool> Warn() => RunAsync(_warn, _endpoint, _body);

    [Benchmark]
    public Task<bool> Enforce() => RunAsync(_enforce, _endpoint, _body);

    [Benchmark]
    public Task<bool> EnforceInvalid() => RunAsync(_enforce, _endpoint, _invalidBody);

    /// <summary>The SDK call alone on the same body (what the HTTP layer wraps): Warn minus this is the HTTP layer's share.</summary>
    [Benchmark]
    public async Task<bool> SdkOnly() =>
        (await _manager.EvaluateAsync(Schema, _body, EnforcementMode.Warn)).IsValid;

    private static async Task<bool> RunAsync(RequestSchemaValidator validator, Endpoint endpoint, byte[] body)
    {
        var context = new DefaultHttpContext();
        var response = new CompletingResponseFeature();
        context.Features.Set<IHttpResponseFeature>(response);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        // The server's own pipe over the same bytes, as Kestrel's: off reads it without wrapping Body in a new pipe.
        context.Features.Set<IRequestBodyPipeFeature>(new ServerBodyPipe(PipeReader.Create(new ReadOnlySequence<byte>(body))));
        context.SetEndpoint(endpoint);
        var result = await validator.ValidateAsync(context);
        if (result) await ConsumeAsync(context.Request.BodyReader);
        await response.CompleteAsync();
        return result;
    }

    /// <summary>Reads the body to its end through the pipe, as model binding does.</summary>
    private static async Task ConsumeAsync(PipeReader reader)
    {
        while (true)
        {
            var read = await reader.ReadAsync();
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted) return;
        }
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

    private sealed class ServerBodyPipe(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader { get; } = reader;
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
