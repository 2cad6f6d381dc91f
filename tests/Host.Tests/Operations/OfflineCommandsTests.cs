using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Operations;

/// <summary>Commands on the files of a stopped service: they take the data directory's lock, work on the store directly,
/// and the next start sees what they did.</summary>
public sealed class OfflineCommandsTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Accounts_create_offline_then_the_service_starts_with_the_account()
    {
        using var data = new TempDirectory();
        var created = await CommandProcess.RunAsync(data.Path, Password, "accounts", "create", "--email", "first@example.com", "--password-stdin");
        created.ExitCode.ShouldBe(0, created.ToString());
        created.Stderr.ShouldStartWith("offline:", Case.Sensitive, created.ToString());

        await using var host = await TestHost.StartAsync(data.Path);
        (await new ApiClient(host).PostAsync("/v1/auth/login", new { email = "first@example.com", password = Password })).Status
            .ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Accounts_create_refuses_a_password_on_the_command_line_or_too_short()
    {
        using var data = new TempDirectory();
        var withoutStdin = await CommandProcess.RunAsync(data.Path, Password, "accounts", "create", "--email", "a@example.com");
        withoutStdin.ExitCode.ShouldBe(64, withoutStdin.ToString());
        withoutStdin.Stderr.ShouldContain("--password-stdin");

        var tooShort = await CommandProcess.RunAsync(data.Path, "short", "accounts", "create", "--email", "a@example.com", "--password-stdin");
        tooShort.ExitCode.ShouldBe(5, tooShort.ToString());
        tooShort.Stderr.ShouldContain("(validation_failed)");

        var listed = await CommandProcess.RunAsync(data.Path, null, "accounts", "list");
        listed.ExitCode.ShouldBe(0, listed.ToString());
        listed.Stdout.ShouldBeEmpty("nothing was created");
    }

    [Fact]
    public async Task Reset_password_offline_lets_the_account_log_in_with_the_new_password_only()
    {
        using var data = new TempDirectory();
        await using (var host = await TestHost.StartAsync(data.Path))
            await new ApiClient(host).SignUpAndLogInAsync("forgot@example.com");

        var reset = await CommandProcess.RunAsync(data.Path, "a brand new passphrase", "accounts", "reset-password", "forgot@example.com", "--password-stdin");
        reset.ExitCode.ShouldBe(0, reset.ToString());

        await using var again = await TestHost.StartAsync(data.Path);
        var api = new ApiClient(again);
        (await api.PostAsync("/v1/auth/login", new { email = "forgot@example.com", password = Password })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.PostAsync("/v1/auth/login", new { email = "forgot@example.com", password = "a brand new passphrase" })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Keys_revoke_offline_is_seen_by_the_next_start()
    {
        using var data = new TempDirectory();
        string keyId, key, other;
        await using (var host = await TestHost.StartAsync(data.Path))
        {
            var api = new ApiClient(host);
            var token = await api.SignUpAndLogInAsync("owner@example.com");
            await api.SelectAsync(token);
            (keyId, key) = await api.CreateKeyAsync(token, "bot");
            (_, other) = await api.CreateKeyAsync(token, "other");
            (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
        }

        var revoked = await CommandProcess.RunAsync(data.Path, null, "keys", "revoke", keyId);
        revoked.ExitCode.ShouldBe(0, revoked.ToString());
        revoked.Stderr.ShouldContain("when it starts next");
        var unknown = await CommandProcess.RunAsync(data.Path, null, "keys", "revoke", "nosuchkey");
        unknown.ExitCode.ShouldBe(5, unknown.ToString());
        unknown.Stderr.ShouldContain("(key_not_found)");

        await using var again = await TestHost.StartAsync(data.Path);
        var client = new ApiClient(again);
        var (status, body, _) = await client.GetAsync("/v1/kalp/testnet/network", apiKey: key);
        status.ShouldBe(HttpStatusCode.Unauthorized);
        body.Code().ShouldBe("key_revoked");
        (await client.GetAsync("/v1/kalp/testnet/network", apiKey: other)).Status.ShouldBe(HttpStatusCode.OK, "only the one key was revoked");
    }

    [Fact]
    public async Task Keys_revoke_by_account_revokes_every_key_of_that_account()
    {
        using var data = new TempDirectory();
        string first, second;
        await using (var host = await TestHost.StartAsync(data.Path))
        {
            var api = new ApiClient(host);
            var token = await api.SignUpAndLogInAsync("owner@example.com");
            await api.SelectAsync(token);
            (_, first) = await api.CreateKeyAsync(token, "one");
            (_, second) = await api.CreateKeyAsync(token, "two");
        }

        var revoked = await CommandProcess.RunAsync(data.Path, null, "keys", "revoke", "--account", "owner@example.com");
        revoked.ExitCode.ShouldBe(0, revoked.ToString());
        revoked.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2);

        await using var again = await TestHost.StartAsync(data.Path);
        var client = new ApiClient(again);
        foreach (var key in new[] { first, second })
            (await client.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Body.Code().ShouldBe("key_revoked");
    }

    [Fact]
    public async Task Restore_verifies_the_archive_and_refuses_a_directory_that_is_not_empty_changing_nothing()
    {
        using var data = new TempDirectory();
        using var target = new TempDirectory();
        using var scratch = new TempDirectory();
        await using (var host = await TestHost.StartAsync(data.Path))
            await new ApiClient(host).SignUpAndLogInAsync("owner@example.com");
        var archive = Path.Combine(scratch.Path, "backup.tar.gz");
        var backup = await CommandProcess.RunAsync(data.Path, null, "backup", archive);
        backup.ExitCode.ShouldBe(0, backup.ToString());
        backup.Stderr.ShouldStartWith("offline:");
        (await CommandProcess.RunAsync(data.Path, null, "backup", archive)).ExitCode.ShouldBe(5, "an existing file is not overwritten");

        File.WriteAllText(Path.Combine(target.Path, "keep.txt"), "mine");
        var refused = await CommandProcess.RunAsync(target.Path, null, "restore", archive);
        refused.ExitCode.ShouldBe(5, refused.ToString());
        refused.Stderr.ShouldContain("not empty");
        Directory.EnumerateFileSystemEntries(target.Path).Select(Path.GetFileName).ShouldBe(["keep.txt"], ignoreOrder: true);

        var tampered = Path.Combine(scratch.Path, "tampered.tar.gz");
        await RewriteAsync(archive, tampered, "ksquery.db", bytes => bytes[^1] ^= 0xFF);
        var empty = Path.Combine(scratch.Path, "empty-target");
        var damaged = await CommandProcess.RunAsync(empty, null, "restore", tampered);
        damaged.ExitCode.ShouldBe(3, damaged.ToString());
        damaged.Stderr.ShouldContain("checksum");
        (Directory.Exists(empty) ? Directory.EnumerateFileSystemEntries(empty).Select(Path.GetFileName).Where(n => n != "service.lock") : [])
            .ShouldBeEmpty("nothing was restored from a damaged archive");

        var garbage = Path.Combine(scratch.Path, "garbage.tar.gz");
        File.WriteAllText(garbage, "not an archive");
        (await CommandProcess.RunAsync(empty, null, "restore", garbage)).ExitCode.ShouldBe(3);

        var forced = await CommandProcess.RunAsync(target.Path, null, "restore", archive, "--force");
        forced.ExitCode.ShouldBe(0, forced.ToString());
        forced.Stdout.ShouldContain("the previous files are in");
        File.Exists(Path.Combine(target.Path, "keep.txt")).ShouldBeFalse();
        var aside = Directory.GetDirectories(Path.GetDirectoryName(target.Path)!, Path.GetFileName(target.Path) + ".before-restore-*").Single();
        try
        {
            File.ReadAllText(Path.Combine(aside, "keep.txt")).ShouldBe("mine");
            await using var restored = await TestHost.StartAsync(target.Path);
            (await new ApiClient(restored).PostAsync("/v1/auth/login", new { email = "owner@example.com", password = Password })).Status
                .ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            Directory.Delete(aside, recursive: true);
        }
    }

    [Fact]
    public async Task Check_exits_zero_when_all_is_well_and_with_a_line_per_problem_otherwise()
    {
        using var data = new TempDirectory();
        var fine = await CommandProcess.RunAsync(data.Path, null, "check");
        fine.ExitCode.ShouldBe(0, fine.ToString());
        fine.Stdout.ShouldContain("check: ok");

        var badSetting = await CommandProcess.RunAsync(data.Path, null, "check", "--Keys:Argon2:Iterations=0");
        badSetting.ExitCode.ShouldBe(2, badSetting.ToString());
        badSetting.Stderr.ShouldContain("Keys:Argon2:Iterations");

        using var damaged = new TempDirectory();
        File.WriteAllText(Path.Combine(damaged.Path, "ksquery.db"), "this is not a LiteDB file, but long enough to be looked at as one....");
        var badStore = await CommandProcess.RunAsync(damaged.Path, null, "check");
        badStore.ExitCode.ShouldBe(3, badStore.ToString());
        badStore.Stderr.ShouldContain("ksquery.db");
    }

    [Fact]
    public async Task Plugins_lists_what_would_load_and_exits_6_when_a_required_plugin_is_missing()
    {
        using var data = new TempDirectory();
        var listed = await CommandProcess.RunAsync(data.Path, null, "plugins");
        listed.ExitCode.ShouldBe(0, listed.ToString());
        listed.Stdout.ShouldContain("plugin kalp: loaded, chain kalp (KALP DLT) version ");

        var missing = await CommandProcess.RunAsync(data.Path, null, "plugins", "--Plugins:Required:0=nothere");
        missing.ExitCode.ShouldBe(6, missing.ToString());
        missing.Stderr.ShouldContain("plugin nothere: missing");
    }

    [Fact]
    public async Task Wrong_command_lines_exit_64_and_help_exits_0()
    {
        using var data = new TempDirectory();
        var wrong = await CommandProcess.RunAsync(data.Path, null, "keys", "revoke");
        wrong.ExitCode.ShouldBe(64, wrong.ToString());
        wrong.Stderr.ShouldContain("--account");

        var help = await CommandProcess.RunAsync(data.Path, null, "backup", "--help");
        help.ExitCode.ShouldBe(0, help.ToString());
        help.Stdout.ShouldContain("backup <file>");
    }

    // Copies a tar.gz, changing one entry's bytes (the manifest keeps the original checksum).
    private static async Task RewriteAsync(string source, string destination, string entryName, Action<byte[]> change)
    {
        await using var input = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
        await using var reader = new TarReader(input);
        await using var output = new GZipStream(File.Create(destination), CompressionLevel.Fastest);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.Name == entryName && entry.DataStream is not null)
            {
                using var buffer = new MemoryStream();
                await entry.DataStream.CopyToAsync(buffer);
                var bytes = buffer.ToArray();
                change(bytes);
                entry.DataStream = new MemoryStream(bytes);
            }
            await writer.WriteEntryAsync(entry);
        }
    }
}
