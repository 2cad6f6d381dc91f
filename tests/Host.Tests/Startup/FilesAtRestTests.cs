using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Startup;

/// <summary>The data directory and every file KS Query creates in it are readable by their owner only (0700 / 0600):
/// the store, the Data Protection key ring and the plugin's ledger.</summary>
public sealed class FilesAtRestTests : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_directory_and_its_files_are_created_readable_by_the_owner_only()
    {
        var data = Path.Combine(_temp.Path, "new-data");
        await using (var host = await TestHost.StartAsync(data))
        {
            var api = new ApiClient(host);
            var token = await api.SignUpAndLogInAsync("files@example.com");
            await api.SelectAsync(token);
            var (_, key) = await api.CreateKeyAsync(token, "files-bot");
            (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
        }

        var directories = Directory.GetDirectories(data, "*", SearchOption.AllDirectories).Append(data).ToList();
        var files = Directory.GetFiles(data, "*", SearchOption.AllDirectories);
        files.Select(Path.GetFileName).ShouldContain("ksquery.db");
        files.ShouldContain(f => f.Contains("dataprotection-keys") && f.EndsWith(".xml"));
        files.Select(Path.GetFileName).ShouldContain("kalp-testnet.db");
        foreach (var directory in directories)
            File.GetUnixFileMode(directory).ShouldBe(OwnerOnlyDirectory, directory);
        foreach (var file in files)
        {
            // LiteDB removes its transient ksquery-log.db once the host has closed the store, which may be after the
            // listing above: a file that is gone can be read by no one.
            if (ModeOf(file) is { } mode)
                mode.ShouldBe(OwnerOnlyFile, file);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static UnixFileMode? ModeOf(string file)
    {
        try { return File.GetUnixFileMode(file); }
        catch (FileNotFoundException) { return null; }
    }
}
