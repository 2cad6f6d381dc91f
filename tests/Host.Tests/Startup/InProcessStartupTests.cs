using Host.Tests.Support;
using KsQuery.Host.Startup;

namespace Host.Tests.Startup;

/// <summary>Hosted in a test (Alba), a start that fails throws its own exception rather than ending the test process.</summary>
public sealed class InProcessStartupTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_test_host_gets_the_start_failure_as_an_exception()
    {
        var notADirectory = Path.Combine(_temp.Path, "data");
        await File.WriteAllTextAsync(notADirectory, "not a directory");

        var refused = await Should.ThrowAsync<StartupFailure>(() => TestHost.StartAsync(notADirectory));

        refused.ExitCode.ShouldBe(ExitCodes.Data);
        refused.Message.ShouldContain(notADirectory);
    }
}
