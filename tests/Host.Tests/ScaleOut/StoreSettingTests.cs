using System.Net;
using System.Net.Sockets;
using Host.Tests.Support;
using KsQuery.Host.Startup;

namespace Host.Tests.ScaleOut;

/// <summary>A <c>KSQUERY_STORE</c> that cannot be used stops the start with one line and its exit code, without echoing the
/// connection string (it may hold a password).</summary>
public sealed class StoreSettingTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_store_setting_that_is_not_a_connection_string_exits_with_code_2()
    {
        var exited = await HostProcess.RunUntilExitAsync(_data.Path, new Dictionary<string, string?>
        {
            ["KSQUERY_STORE"] = "Host=127.0.0.1;Password=s3cret-value;Flavour=strawberry",
        });

        exited.ShouldBeOneClearLine(ExitCodes.Settings, "KSQUERY_STORE is not an Npgsql connection string");
        exited.Output.ShouldNotContain("s3cret-value");
    }

    [Fact]
    public async Task An_unreachable_store_exits_with_code_3_naming_the_setting()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port; // free once the listener stops: nothing answers there
        }

        var exited = await HostProcess.RunUntilExitAsync(_data.Path, new Dictionary<string, string?>
        {
            ["KSQUERY_STORE"] = $"Host=127.0.0.1;Port={port};Username=ksquery;Password=s3cret-value;Timeout=5",
        });

        exited.ShouldExitWithOneLine(ExitCodes.Data, "the PostgreSQL store (KSQUERY_STORE) cannot be used");
        exited.Output.ShouldNotContain("s3cret-value");
    }
}
