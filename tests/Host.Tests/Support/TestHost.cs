using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Support;

/// <summary>Starts the real KS Query host in memory on a data directory of its own (a temp folder by default).
/// Argon2 and the local ledger are sized down through configuration so tests stay fast.</summary>
public static class TestHost
{
    /// <param name="replaceServices">Runs after the host's own registrations (test doubles replace real services).</param>
    public static async Task<IAlbaHost> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null, TimeProvider? clock = null,
        Action<IServiceCollection>? replaceServices = null)
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
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;

        // The contract tests record what a host answers; with no recording active nothing is added.
        var recording = Contract.ExchangeRecording.Current;
        Contract.RecordedHost? recorded = null;
        var host = await AlbaHost.For<Program>(builder =>
        {
            recorded = recording?.Attach(builder);
            foreach (var (key, value) in all)
                builder.UseSetting(key, value);
            if (clock is not null)
                builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
            if (replaceServices is not null)
                builder.ConfigureTestServices(replaceServices);
        });
        if (recorded is not null)
            await recorded.ReadDocumentAsync(host.Server);
        return host;
    }
}

/// <summary>A temporary data directory removed at the end of a test.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ksq-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
