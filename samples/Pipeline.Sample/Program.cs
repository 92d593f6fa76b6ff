using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Pipeline;

// `dotnet run --project samples/Pipeline.Sample -- --help` lists the options.
var command = PipelineCommand.Create((settings, cancellationToken) => PipelineHost.RunAsync(settings, Console.Out, Console.Error, cancellationToken));
return await SampleCommandLine.InvokeAsync(command, "pipeline", args, Console.Out, Console.Error);
