using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Host.Tests.Support;
using KsQuery.Host.Storage.Migrations;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Startup;

/// <summary>The host started on a copy of a data file written by the previous release (main 28d6fde, before the store
/// was versioned; Fixtures/previous-release/make-fixture.sh made it): the store is migrated to the latest version and
/// everything it held works: logins, keys (and the revoked one stays revoked), usage totals, the team, the audit log.</summary>
public sealed class PreviousReleaseDataTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Startup", "Fixtures", "previous-release");
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_previous_release_data_file_is_migrated_and_its_accounts_keys_usage_teams_and_audit_work()
    {
        await using (var packed = new GZipStream(File.OpenRead(Path.Combine(Fixture, "ksquery.db.gz")), CompressionMode.Decompress))
        await using (var file = File.Create(Path.Combine(_data.Path, "ksquery.db")))
            await packed.CopyToAsync(file);
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Fixture, "expected.json")));
        var want = expected.RootElement;
        string Text(string name) => want.GetProperty(name).GetString()!;
        using (var before = new LiteDatabase(new ConnectionString { Filename = Path.Combine(_data.Path, "ksquery.db"), Connection = ConnectionType.Direct }))
            before.UserVersion.ShouldBe(0, "the fixture comes from a release before versioning");

        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);

        host.Services.GetRequiredService<ILiteDatabase>().UserVersion.ShouldBe(StoreMigrations.Latest);
        var (login, tokens, _) = await api.PostAsync("/v1/auth/login", new { email = Text("owner"), password = Text("password") });
        login.ShouldBe(HttpStatusCode.OK, tokens.ToString());
        var owner = tokens.GetProperty("accessToken").GetString()!;

        var (summaryStatus, summary, _) = await api.GetAsync("/v1/usage/summary", owner);
        summaryStatus.ShouldBe(HttpStatusCode.OK, summary.ToString());
        summary.GetProperty("requests").GetInt64().ShouldBe(want.GetProperty("requests").GetInt64());
        summary.GetProperty("errors").GetInt64().ShouldBe(want.GetProperty("errors").GetInt64());

        var (called, answer, _) = await api.GetAsync("/v1/kalp/testnet/network", apiKey: Text("key"));
        called.ShouldBe(HttpStatusCode.OK, answer.ToString());
        var (refused, problem, _) = await api.GetAsync("/v1/kalp/testnet/network", apiKey: Text("revokedKey"));
        refused.ShouldBe(HttpStatusCode.Unauthorized);
        problem.GetProperty("code").GetString().ShouldBe("key_revoked");

        var (keyStatus, keyUsage, _) = await api.GetAsync($"/v1/keys/{Text("keyId")}/usage", owner);
        keyStatus.ShouldBe(HttpStatusCode.OK, keyUsage.ToString());
        keyUsage.GetProperty("quota").GetProperty("limit").GetInt64().ShouldBe(1000);

        var (_, after, _) = await api.GetAsync("/v1/usage/summary", owner);
        after.GetProperty("requests").GetInt64().ShouldBe(want.GetProperty("requests").GetInt64() + 2, "the two calls just made count on top");

        var (memberLogin, memberTokens, _) = await api.PostAsync("/v1/auth/login", new { email = Text("member"), password = Text("password") });
        memberLogin.ShouldBe(HttpStatusCode.OK);
        var (teamStatus, team, _) = await api.GetAsync($"/v1/teams/{Text("teamId")}", memberTokens.GetProperty("accessToken").GetString());
        teamStatus.ShouldBe(HttpStatusCode.OK, team.ToString());
        team.GetProperty("role").GetString().ShouldBe("developer");

        var (auditStatus, audit, _) = await api.GetAsync("/v1/audit?size=100", owner);
        auditStatus.ShouldBe(HttpStatusCode.OK, audit.ToString());
        audit.GetProperty("total").GetInt64().ShouldBeGreaterThanOrEqualTo(want.GetProperty("auditTotal").GetInt64());
    }
}
