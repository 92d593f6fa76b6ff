using CoreRegistryClient.Samples.Store;

// `dotnet run --project samples/Store.Sample -- --help` lists the options.
return await StoreCommand.Create((settings, cancellationToken) => StoreHost.RunAsync(settings, Console.Out, Console.Error, cancellationToken))
    .Parse(args)
    .InvokeAsync();
