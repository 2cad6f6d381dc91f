using System.Net;
using System.Net.Sockets;
using Host.Tests.Support;
using KsQuery.Host.Startup;
using LiteDB;

namespace Host.Tests.Startup;

/// <summary>A start that cannot succeed ends the real process with one clear line and an exit code of its own
/// (README, Exit codes), never with a stack trace or an abort (134); a damaged data file is left byte for byte as it was.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("Keys__Argon2__MemoryKiB", "2000000", "Keys:Argon2:MemoryKiB")]
    [InlineData("Keys__Argon2__Iterations", "0", "Keys:Argon2:Iterations")]
    [InlineData("Usage__FlushInterval", "soon", "Usage:FlushInterval")]
    [InlineData("Plugins__kalp__Blocks", "0", "Blocks")]
    [InlineData("Shutdown__Timeout", "00:00:00", "Shutdown:Timeout")]
    [InlineData("Accounts__SignUp", "sometimes", "Accounts:SignUp")]
    public async Task A_bad_setting_exits_with_code_2_naming_the_setting(string variable, string value, string named)
    {
        var exited = await HostProcess.RunUntilExitAsync(Data(), new Dictionary<string, string?> { [variable] = value });

        exited.ShouldBeOneClearLine(ExitCodes.Settings, named);
    }

    [Fact]
    public async Task A_configuration_file_that_is_not_json_exits_with_code_2_naming_it()
    {
        var workingDirectory = Directory.CreateDirectory(Path.Combine(_temp.Path, "cwd")).FullName;
        var settings = Path.Combine(workingDirectory, "appsettings.json");
        await File.WriteAllTextAsync(settings, "{ \"Keys\": { \"Argon2\": ");

        var exited = await HostProcess.RunUntilExitAsync(Data(), workingDirectory: workingDirectory);

        exited.ShouldBeOneClearLine(ExitCodes.Settings, settings);
    }

    [Fact]
    public async Task A_port_in_use_exits_with_code_4_naming_the_address()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var exited = await HostProcess.RunUntilExitAsync(Data(), new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = address });

        exited.ShouldBeOneClearLine(ExitCodes.Listen, address);
    }

    [Fact]
    public async Task A_file_where_the_data_directory_should_be_exits_with_code_3_naming_it()
    {
        var notADirectory = Path.Combine(_temp.Path, "data");
        await File.WriteAllTextAsync(notADirectory, "not a directory");

        var exited = await HostProcess.RunUntilExitAsync(notADirectory);

        exited.ShouldBeOneClearLine(ExitCodes.Data, notADirectory);
        (await File.ReadAllTextAsync(notADirectory)).ShouldBe("not a directory");
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("first-4-KiB")]
    [InlineData("first-2-pages")]
    [InlineData("garbage")]
    public async Task A_damaged_database_file_exits_with_code_3_and_is_left_byte_identical(string damage)
    {
        var data = Data();
        var file = Path.Combine(data, "ksquery.db");
        var real = RealDatabaseBytes();
        byte[] damaged = damage switch
        {
            "empty" => [],
            "first-4-KiB" => real[..4096],
            "first-2-pages" => real[..16384],
            _ => Enumerable.Range(0, 40_000).Select(i => (byte)(i * 31 % 251)).ToArray(),
        };
        await File.WriteAllBytesAsync(file, damaged);

        var exited = await HostProcess.RunUntilExitAsync(data);

        exited.ShouldBeOneClearLine(ExitCodes.Data, file);
        exited.Stderr.ShouldContain("backup");
        (await File.ReadAllBytesAsync(file)).ShouldBe(damaged);
        Directory.GetFiles(data).ShouldBe([file]);
    }

    [Fact]
    public async Task An_unreadable_key_ring_exits_with_code_3_naming_it()
    {
        var data = Data();
        var ring = Directory.CreateDirectory(Path.Combine(data, "dataprotection-keys")).FullName;
        var key = Path.Combine(ring, "key-6b7d1b1e-2f0c-4d59-9a37-3c1f0e0c5a11.xml");
        await File.WriteAllTextAsync(key, "<key id=\"6b7d1b1e-2f0c-4d59-9a37-3c1f0e0c5a11\" version=\"1\"><creationDate>");

        var exited = await HostProcess.RunUntilExitAsync(data);

        exited.ShouldBeOneClearLine(ExitCodes.Data, ring);
        (await File.ReadAllTextAsync(key)).ShouldEndWith("<creationDate>");
    }

    private string Data() => Directory.CreateDirectory(Path.Combine(_temp.Path, "data-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>A real LiteDB file of several pages, written by LiteDB itself.</summary>
    private byte[] RealDatabaseBytes()
    {
        var path = Path.Combine(_temp.Path, "real-" + Guid.NewGuid().ToString("N") + ".db");
        using (var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var accounts = db.GetCollection("keys_accounts");
            for (var i = 0; i < 400; i++)
                accounts.Insert(new BsonDocument { ["email"] = $"user{i}@example.com", ["hash"] = new string('x', 90) });
        }
        var bytes = File.ReadAllBytes(path);
        bytes.Length.ShouldBeGreaterThan(3 * 8192);
        return bytes;
    }
}
