using CoreRegistryClient.Samples.Hosting;
using CoreRegistryClient.Samples.Store;

// `dotnet run --project samples/Store.Sample -- --help` lists the options.
var command = StoreCommand.Create((settings, cancellationToken) => StoreHost.RunAsync(settings, Console.Out, Console.Error, cancellationToken));
return await SampleCommandLine.InvokeAsync(command, "store", args, Console.Out, Console.Error);
