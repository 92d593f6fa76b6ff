using CoreRegistryClient.Registry;

namespace CoreRegistryClient.Cli;

/// <summary>A registry client for the duration of one command.</summary>
internal interface IRegistrySession : IAsyncDisposable
{
    ISchemaRegistryClient Client { get; }
}
