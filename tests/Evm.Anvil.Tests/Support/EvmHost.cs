using JasperFx.CommandLine;

namespace Evm.Anvil.Tests.Support;

/// <summary>The real KS Query host in memory (as tests/Host.Tests' TestHost starts it) on a data directory of its own,
/// with the built-in plugins beside the tests (plugins/kalp, plugins/evm) and the EVM networks pointed at Anvil nodes.</summary>
public static class EvmHost
{
    public static Task<IAlbaHost> StartAsync(string dataDirectory, IDictionary<string, string?> settings)
    {
        JasperFxEnvironment.AutoStartHost = true;
        var all = new Dictionary<string, string?>
        {
            ["KSQUERY_DATA"] = dataDirectory,
            ["KSQUERY_PLUGINS"] = Path.Combine(dataDirectory, "no-plugins"),
            ["Plugins:kalp:Blocks"] = "240",
            ["Plugins:kalp:BlockIntervalSeconds"] = "0",
            ["Keys:Argon2:MemoryKiB"] = "1024",
            ["Keys:Argon2:Iterations"] = "1",
            ["Keys:Argon2:Parallelism"] = "1",
            ["Usage:FlushInterval"] = "00:00:01",
        };
        foreach (var (key, value) in settings)
            all[key] = value;
        return AlbaHost.For<Program>(builder =>
        {
            foreach (var (key, value) in all)
                builder.UseSetting(key, value);
        });
    }

    public static string RpcUrlSetting(string chain, string network) => $"Plugins:{chain}:Networks:{network}:RpcUrl";
}

/// <summary>A temporary data directory removed at the end.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ksq-evm-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
