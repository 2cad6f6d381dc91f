using System.Net;
using Host.Tests.Support;
using System.Net.Sockets;

namespace Host.Tests.Operations;

/// <summary>Commands against a running service: they go through its admin channel (admin.sock in the data directory), which
/// the public listener never serves.</summary>
public sealed class AdminChannelTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Admin_routes_are_served_on_the_socket_only_never_on_the_public_listener()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path);
        var api = new ApiClient(host);

        foreach (var path in new[] { "/admin/status", "/admin/accounts", "/admin/keys", "/admin/backup" })
            (await api.GetAsync(path)).Status.ShouldBe(HttpStatusCode.NotFound, path);
        (await api.PostAsync("/admin/accounts", new { email = "x@example.com", password = Password })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.PostAsync("/v1/auth/login", new { email = "x@example.com", password = Password })).Status
            .ShouldBe(HttpStatusCode.Unauthorized, "no account was created through the public listener");

        var socket = Path.Combine(data.Path, "admin.sock");
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(socket).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var overSocket = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(s, ownsSocket: true);
            },
        }) { BaseAddress = new Uri("http://admin.sock") };
        (await overSocket.GetAsync("/admin/status")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Accounts_create_online_makes_an_account_that_logs_in_and_list_shows_it()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path);
        var api = new ApiClient(host);

        var created = await CommandProcess.RunAsync(data.Path, Password, "accounts", "create", "--email", "ops@example.com", "--password-stdin");
        created.ExitCode.ShouldBe(0, created.ToString());
        created.Stderr.ShouldStartWith("online:", Case.Sensitive, created.ToString());
        var id = created.Stdout.Trim();
        (await api.PostAsync("/v1/auth/login", new { email = "ops@example.com", password = Password })).Status.ShouldBe(HttpStatusCode.OK);

        var listed = await CommandProcess.RunAsync(data.Path, null, "accounts", "list");
        listed.ExitCode.ShouldBe(0, listed.ToString());
        listed.Stdout.ShouldContain($"{id}\tops@example.com\t");

        var taken = await CommandProcess.RunAsync(data.Path, Password, "accounts", "create", "--email", "OPS@example.com", "--password-stdin");
        taken.ExitCode.ShouldBe(5, taken.ToString());
        taken.Stderr.ShouldContain("(email_taken)");
    }

    [Fact]
    public async Task Keys_revoke_online_stops_the_key_at_its_next_call()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("owner@example.com");
        await api.SelectAsync(token);
        var (keyId, key) = await api.CreateKeyAsync(token, "bot");
        (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);

        var listed = await CommandProcess.RunAsync(data.Path, null, "keys", "list", "--account", "owner@example.com");
        listed.ExitCode.ShouldBe(0, listed.ToString());
        listed.Stdout.ShouldContain($"{keyId}\t");
        listed.Stdout.ShouldNotContain(key, Case.Sensitive, "a key's plaintext is never listed");

        var revoked = await CommandProcess.RunAsync(data.Path, null, "keys", "revoke", keyId);
        revoked.ExitCode.ShouldBe(0, revoked.ToString());
        revoked.Stdout.ShouldContain("\trevoked\t");

        var (status, body, _) = await api.GetAsync("/v1/kalp/testnet/network", apiKey: key);
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body.Code().ShouldBe("key_revoked");
    }

    [Fact]
    public async Task Backup_while_calls_are_served_restores_into_a_new_directory_with_keys_and_accounts_working()
    {
        using var data = new TempDirectory();
        using var restored = new TempDirectory();
        string key;
        string archive = Path.Combine(data.Path, "..", $"ksq-backup-{Guid.NewGuid():N}.tar.gz");
        try
        {
            await using (var host = await TestHost.StartAsync(data.Path))
            {
                var api = new ApiClient(host);
                var token = await api.SignUpAndLogInAsync("owner@example.com");
                await api.SelectAsync(token);
                var (created, body, _) = await api.PostAsync("/v1/keys", new { name = "bot", rateLimitPerSecond = 1000000 }, token);
                created.ShouldBe(HttpStatusCode.Created);
                key = body.GetProperty("key").GetString()!;

                using var stop = new CancellationTokenSource();
                var calls = Task.Run(async () =>
                {
                    var served = 0;
                    while (!stop.IsCancellationRequested)
                    {
                        (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
                        served++;
                    }
                    return served;
                });
                var backup = await CommandProcess.RunAsync(data.Path, null, "backup", archive);
                await stop.CancelAsync();
                (await calls).ShouldBeGreaterThan(0);
                backup.ExitCode.ShouldBe(0, backup.ToString());
                backup.Stderr.ShouldStartWith("online:");
                backup.Stdout.ShouldContain("verified");
            }

            Directory.Delete(restored.Path);
            var restore = await CommandProcess.RunAsync(restored.Path, null, "restore", archive);
            restore.ExitCode.ShouldBe(0, restore.ToString());

            await using var again = await TestHost.StartAsync(restored.Path);
            var client = new ApiClient(again);
            (await client.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
            (await client.PostAsync("/v1/auth/login", new { email = "owner@example.com", password = Password })).Status.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    [Fact]
    public async Task A_service_without_admin_channel_keeps_commands_off_its_files()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path, new Dictionary<string, string?> { ["AdminChannel:Enabled"] = "false" });
        File.Exists(Path.Combine(data.Path, "admin.sock")).ShouldBeFalse();

        var listed = await CommandProcess.RunAsync(data.Path, null, "accounts", "list");
        listed.ExitCode.ShouldBe(5, listed.ToString());
        listed.Stderr.ShouldContain("stop the service");
    }
}
