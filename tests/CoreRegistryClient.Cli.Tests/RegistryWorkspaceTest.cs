using CoreRegistryClient.Testing;

namespace CoreRegistryClient.Cli.Tests;

/// <summary>A test with its own fixture registry on loopback (<see cref="RegistryFixture"/>) and a temp directory,
/// both new for each test.</summary>
public abstract class RegistryWorkspaceTest
{
    protected LoopbackRegistryServer Server { get; private set; } = null!;

    private protected TempDirectory Dir { get; private set; } = null!;

    [SetUp]
    public async Task StartRegistryAsync()
    {
        Server = await RegistryFixture.StartAsync();
        Dir = new TempDirectory();
    }

    [TearDown]
    public async Task StopRegistryAsync()
    {
        Dir.Dispose();
        await Server.DisposeAsync();
    }
}
