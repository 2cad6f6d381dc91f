using System.Net;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Console.Tests.Support;

/// <summary>The real KS Query host on Kestrel at 127.0.0.1 and a free port (a browser needs a real socket), on a
/// temporary data directory, with Argon2 and the local ledger sized down as in the other host tests.</summary>
public sealed class ConsoleHost : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;

    public ConsoleHost(string dataDirectory)
    {
        _dataDirectory = dataDirectory;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The listening address, e.g. <c>http://127.0.0.1:41234</c>, once <see cref="Start"/> has run.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        JasperFxEnvironment.AutoStartHost = true;
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["KSQUERY_DATA"] = _dataDirectory,
            ["KSQUERY_PLUGINS"] = Path.Combine(_dataDirectory, "no-plugins"),
            ["Plugins:kalp:Blocks"] = "240",
            ["Plugins:kalp:BlockIntervalSeconds"] = "0",
            ["Keys:Argon2:MemoryKiB"] = "1024",
            ["Keys:Argon2:Iterations"] = "1",
            ["Keys:Argon2:Parallelism"] = "1",
            ["Usage:FlushInterval"] = "00:00:01",
        };
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
