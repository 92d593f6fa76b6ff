using CoreRegistryClient.Samples.Pipeline;

// `dotnet run --project samples/Pipeline.Sample -- --help` lists the options.
return await PipelineCommand.Create((settings, cancellationToken) => PipelineHost.RunAsync(settings, Console.Out, cancellationToken))
    .Parse(args)
    .InvokeAsync();
