namespace CoreRegistryClient.Samples.Tests.Support;

public class ExternalProcessTests
{
    [Test]
    public async Task Disposing_twice_stops_the_program_and_removes_its_folder_without_throwing()
    {
        var directory = ExternalProcess.CreateDirectory("external-process-test-");
        var process = ExternalProcess.Start(ExternalTool.Require("sleep", "coreutils"), directory, ["300"]);
        Assert.That(process.HasExited, Is.False);

        await process.DisposeAsync();
        Assert.That(async () => await process.DisposeAsync(), Throws.Nothing);
        Assert.That(Directory.Exists(directory), Is.False);
    }
}
