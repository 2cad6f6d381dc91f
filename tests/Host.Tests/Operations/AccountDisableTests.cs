using System.Net;
using Host.Tests.Support;
using Host.Tests.Teams;

namespace Host.Tests.Operations;

/// <summary><c>accounts disable|enable</c>, online (through the running service's admin channel) and offline (on the files
/// of a stopped service): a disabled account cannot log in, its sessions end, its own keys stop at their next call (not its
/// teams' keys); enabling brings back login and keys, not the ended sessions.</summary>
public sealed class AccountDisableTests
{
    private const string Password = "correct horse battery";
    private const string Api = "/v1/kalp/testnet/network";

    [Fact]
    public async Task Disable_online_refuses_login_ends_sessions_and_stops_keys_at_their_next_call_and_enable_brings_them_back()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path);
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("owner@example.com");
        await api.SelectAsync(token);
        var (keyId, key) = await api.CreateKeyAsync(token, "bot");
        var teamId = await api.CreateTeamAsync(token);
        var (teamKeyStatus, teamKeyBody, _) = await api.PostAsync("/v1/keys", new { name = "shared", teamId }, token);
        teamKeyStatus.ShouldBe(HttpStatusCode.Created, teamKeyBody.ToString());
        var teamKey = teamKeyBody.GetProperty("key").GetString()!;
        (await api.GetAsync(Api, apiKey: key)).Status.ShouldBe(HttpStatusCode.OK, "the key is verified and cached before the disable");

        var disabled = await CommandProcess.RunAsync(data.Path, null, "accounts", "disable", "owner@example.com");
        disabled.ExitCode.ShouldBe(0, disabled.ToString());
        disabled.Stderr.ShouldStartWith("online:", Case.Sensitive, disabled.ToString());
        disabled.Stdout.ShouldContain("disabled");

        var (loginStatus, loginBody, _) = await api.PostAsync("/v1/auth/login", new { email = "owner@example.com", password = Password });
        loginStatus.ShouldBe(HttpStatusCode.Forbidden);
        loginBody.Code().ShouldBe("account_disabled");
        var (meStatus, meBody, _) = await api.GetAsync("/v1/me", token);
        meStatus.ShouldBe(HttpStatusCode.Unauthorized);
        meBody.Code().ShouldBe("unauthenticated");
        var (keyStatus, keyBody, _) = await api.GetAsync(Api, apiKey: key);
        keyStatus.ShouldBe(HttpStatusCode.Unauthorized);
        keyBody.Code().ShouldBe("key_disabled");
        (await api.GetAsync(Api, apiKey: teamKey)).Status.ShouldBe(HttpStatusCode.OK, "a team's key is the team's, not the account's");
        var listed = await CommandProcess.RunAsync(data.Path, null, "keys", "list");
        listed.ExitCode.ShouldBe(0, listed.ToString());
        var statuses = listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToDictionary(c => c[0], c => c[5]);
        statuses[keyId].ShouldBe("disabled", listed.Stdout);
        statuses[teamKeyBody.GetProperty("id").GetString()!].ShouldBe("active", "a team's key is the team's: " + listed.Stdout);

        var enabled = await CommandProcess.RunAsync(data.Path, null, "accounts", "enable", "owner@example.com");
        enabled.ExitCode.ShouldBe(0, enabled.ToString());
        enabled.Stdout.ShouldContain("enabled");

        (await api.GetAsync(Api, apiKey: key)).Status.ShouldBe(HttpStatusCode.OK, "the key works again");
        var (againStatus, again, _) = await api.PostAsync("/v1/auth/login", new { email = "owner@example.com", password = Password });
        againStatus.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("/v1/me", token)).Status.ShouldBe(HttpStatusCode.Unauthorized, "ended sessions stay ended");
        var fresh = again.GetProperty("accessToken").GetString()!;
        var (auditStatus, audit, _) = await api.GetAsync("/v1/audit", fresh);
        auditStatus.ShouldBe(HttpStatusCode.OK, audit.ToString());
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        actions.ShouldContain("account.disabled");
        actions.ShouldContain("account.enabled");
        var (rejectionsStatus, rejections, _) = await api.GetAsync("/v1/usage/rejections?size=100", fresh);
        rejectionsStatus.ShouldBe(HttpStatusCode.OK, rejections.ToString());
        rejections.GetProperty("items").EnumerateArray()
            .Where(r => r.GetProperty("code").GetString() == "key_disabled")
            .Select(r => (r.GetProperty("keyId").GetString(), r.GetProperty("status").GetInt32()))
            .ShouldBe([(keyId, 401)], "the refusal is in the owner's rejections log like other 401s");
    }

    [Fact]
    public async Task Disable_offline_is_seen_by_the_next_start_and_enable_offline_undoes_it()
    {
        using var data = new TempDirectory();
        string key;
        await using (var host = await TestHost.StartAsync(data.Path))
        {
            var api = new ApiClient(host);
            var token = await api.SignUpAndLogInAsync("owner@example.com");
            await api.SelectAsync(token);
            (_, key) = await api.CreateKeyAsync(token, "bot");
        }

        var disabled = await CommandProcess.RunAsync(data.Path, null, "accounts", "disable", "owner@example.com");
        disabled.ExitCode.ShouldBe(0, disabled.ToString());
        disabled.Stderr.ShouldStartWith("offline:", Case.Sensitive, disabled.ToString());

        await using (var host = await TestHost.StartAsync(data.Path))
        {
            var api = new ApiClient(host);
            var (loginStatus, loginBody, _) = await api.PostAsync("/v1/auth/login", new { email = "owner@example.com", password = Password });
            loginStatus.ShouldBe(HttpStatusCode.Forbidden);
            loginBody.Code().ShouldBe("account_disabled");
            var (keyStatus, keyBody, _) = await api.GetAsync(Api, apiKey: key);
            keyStatus.ShouldBe(HttpStatusCode.Unauthorized);
            keyBody.Code().ShouldBe("key_disabled");
        }

        var enabled = await CommandProcess.RunAsync(data.Path, null, "accounts", "enable", "owner@example.com");
        enabled.ExitCode.ShouldBe(0, enabled.ToString());

        await using var again = await TestHost.StartAsync(data.Path);
        var client = new ApiClient(again);
        (await client.PostAsync("/v1/auth/login", new { email = "owner@example.com", password = Password })).Status.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(Api, apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disable_or_enable_of_an_unknown_account_exits_5_with_account_not_found()
    {
        using var data = new TempDirectory();
        foreach (var verb in new[] { "disable", "enable" })
        {
            var unknown = await CommandProcess.RunAsync(data.Path, null, "accounts", verb, "nobody@example.com");
            unknown.ExitCode.ShouldBe(5, unknown.ToString());
            unknown.Stderr.ShouldContain("(account_not_found)");
        }
        var missing = await CommandProcess.RunAsync(data.Path, null, "accounts", "disable");
        missing.ExitCode.ShouldBe(64, missing.ToString());
    }
}
