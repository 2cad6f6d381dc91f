using System.Net;
using System.Text.Json;
using Host.Tests.Support;
using KsQuery.Modules.Keys.Audit;

namespace Host.Tests.Teams;

/// <summary>Issue 17, teams: keys owned by a team (the key limit and name uniqueness per owner), the team's usage for
/// every member, everything kept across a restart, and the audit entries of team actions.</summary>
public sealed class TeamKeysTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_key_limit_and_name_uniqueness_apply_per_owner_account_or_team()
    {
        await using var host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?> { ["Keys:MaxKeysPerAccount"] = "2" });
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        await api.SelectAsync(owner);
        var teamId = await api.CreateTeamAsync(owner);

        await api.CreateKeyAsync(owner, "one");
        await api.CreateKeyAsync(owner, "two");
        var (personalStatus, personal, _) = await api.PostAsync("/v1/keys", new { name = "three" }, owner);
        personalStatus.ShouldBe(HttpStatusCode.Conflict);
        personal.Code().ShouldBe("key_limit_reached");

        // The team has its own limit and its own names: "one" is free there.
        await api.CreateTeamKeyAsync(owner, teamId, "one");
        var (takenStatus, taken, _) = await api.PostAsync("/v1/keys", new { name = "ONE", teamId }, owner);
        takenStatus.ShouldBe(HttpStatusCode.Conflict);
        taken.Code().ShouldBe("key_name_taken");
        await api.CreateTeamKeyAsync(owner, teamId, "two");
        var (teamStatus, team, _) = await api.PostAsync("/v1/keys", new { name = "three", teamId }, owner);
        teamStatus.ShouldBe(HttpStatusCode.Conflict);
        team.Code().ShouldBe("key_limit_reached");
        team.GetProperty("detail").GetString()!.ShouldStartWith("A team holds at most 2 keys");

        (await api.GetAsync("/v1/keys", owner)).Body.GetProperty("total").GetInt32().ShouldBe(2);
        (await api.GetAsync($"/v1/keys?teamId={teamId}", owner)).Body.GetProperty("total").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_viewer_sees_the_usage_of_the_team_keys_that_other_members_called_and_it_is_not_in_personal_usage()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        var teamId = await api.CreateTeamAsync(owner);
        var developer = await api.JoinAsync(owner, teamId, "developer@example.com", "developer");
        var viewer = await api.JoinAsync(owner, teamId, "viewer@example.com", "viewer");
        var (keyId, key) = await api.CreateTeamKeyAsync(developer, teamId, "bot");

        (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("/v1/kalp/testnet/blocks/1", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);
        (await api.PostAsync($"/v1/keys/{keyId}/revoke", new { }, developer)).Status.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var (summaryStatus, summary, _) = await api.GetAsync($"/v1/usage/summary?teamId={teamId}", viewer);
        summaryStatus.ShouldBe(HttpStatusCode.OK, summary.ToString());
        summary.GetProperty("requests").GetInt64().ShouldBe(3);
        summary.GetProperty("byKey")[0].GetProperty("keyId").GetString().ShouldBe(keyId);

        var (keyUsageStatus, keyUsage, _) = await api.GetAsync($"/v1/keys/{keyId}/usage", viewer);
        keyUsageStatus.ShouldBe(HttpStatusCode.OK, keyUsage.ToString());
        keyUsage.GetProperty("requests").GetInt64().ShouldBe(3);

        var (_, series, _) = await api.GetAsync($"/v1/usage/timeseries?keyId={keyId}&interval=day", viewer);
        series.EnumerateArray().Sum(p => p.GetProperty("requests").GetInt64()).ShouldBe(3);
        var (_, teamSeries, _) = await api.GetAsync($"/v1/usage/timeseries?teamId={teamId}&interval=day", viewer);
        teamSeries.EnumerateArray().Sum(p => p.GetProperty("requests").GetInt64()).ShouldBe(3);

        var (_, rejections, _) = await api.GetAsync($"/v1/usage/rejections?teamId={teamId}", viewer);
        rejections.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe(["key_revoked"]);

        foreach (var member in new[] { owner, developer, viewer })
            (await api.GetAsync("/v1/usage/summary", member)).Body.GetProperty("requests").GetInt64().ShouldBe(0);
        var (_, masked, _) = await api.GetAsync($"/v1/keys?teamId={teamId}", viewer);
        masked.GetRawText().ShouldNotContain(key);
    }

    [Fact]
    public async Task Teams_members_invitations_and_team_keys_survive_a_restart()
    {
        string owner, viewer, invitation, teamId, keyId, key;
        await using (var first = await TestHost.StartAsync(_data.Path))
        {
            var api = new ApiClient(first);
            owner = await api.SignUpAndLogInAsync("owner@example.com");
            teamId = await api.CreateTeamAsync(owner, "kept");
            viewer = await api.JoinAsync(owner, teamId, "viewer@example.com", "viewer");
            await api.SignUpAndLogInAsync("later@example.com");
            invitation = await api.InviteAsync(owner, teamId, "later@example.com", "developer");
            (keyId, key) = await api.CreateTeamKeyAsync(owner, teamId, "kept-key");
        }

        await using (var second = await TestHost.StartAsync(_data.Path))
        {
            var api = new ApiClient(second);
            var (status, team, _) = await api.GetAsync($"/v1/teams/{teamId}", owner);
            status.ShouldBe(HttpStatusCode.OK, team.ToString());
            team.GetProperty("name").GetString().ShouldBe("kept");
            team.GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("email").GetString(), m.GetProperty("role").GetString()))
                .ShouldBe([("owner@example.com", "owner"), ("viewer@example.com", "viewer")], ignoreOrder: true);
            team.GetProperty("invitations").GetArrayLength().ShouldBe(1);

            var (refused, problem, _) = await api.PostAsync("/v1/keys", new { name = "x", teamId, chain = "kalp", network = "testnet" }, viewer);
            refused.ShouldBe(HttpStatusCode.Forbidden);
            problem.Code().ShouldBe("forbidden_role");
            (await api.GetAsync($"/v1/keys/{keyId}", viewer)).Body.GetProperty("teamId").GetString().ShouldBe(teamId);
            (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK);

            var (_, login, _) = await api.PostAsync("/v1/auth/login", new { email = "later@example.com", password = "correct horse battery" });
            var later = login.GetProperty("accessToken").GetString()!;
            var (accepted, joined, _) = await api.PostAsync("/v1/invitations/accept", new { token = invitation }, later);
            accepted.ShouldBe(HttpStatusCode.OK, joined.ToString());
            joined.GetProperty("role").GetString().ShouldBe("developer");
        }
    }

    [Fact]
    public async Task Team_actions_are_audited_with_the_team_and_no_entry_holds_a_token_or_key()
    {
        var audit = new RecordingAuditTrail();
        await using var host = await TestHost.StartAsync(_data.Path, replaceServices: audit.Replace);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        var ownerId = await api.AccountIdAsync(owner);
        var teamId = await api.CreateTeamAsync(owner);
        var member = await api.SignUpAndLogInAsync("member@example.com");
        var memberId = await api.AccountIdAsync(member);
        var invitation = await api.InviteAsync(owner, teamId, "member@example.com", "developer");
        (await api.PostAsync("/v1/invitations/accept", new { token = invitation }, member)).Status.ShouldBe(HttpStatusCode.OK);
        var (keyId, key) = await api.CreateTeamKeyAsync(member, teamId, "audited", recoverable: true);
        (await api.PatchAsync($"/v1/keys/{keyId}", new { name = "renamed" }, member)).Status.ShouldBe(HttpStatusCode.OK);
        var (_, rolled, _) = await api.PostAsync($"/v1/keys/{keyId}/roll", new { }, member);
        var rolledId = rolled.GetProperty("id").GetString()!;
        (await api.PostAsync($"/v1/keys/{rolledId}/reveal", new { password = "correct horse battery" }, owner)).Status.ShouldBe(HttpStatusCode.OK);
        (await api.PostAsync($"/v1/keys/{rolledId}/revoke", new { }, member)).Status.ShouldBe(HttpStatusCode.OK);
        (await api.PatchAsync($"/v1/teams/{teamId}/members/{memberId}", new { role = "viewer" }, owner)).Status.ShouldBe(HttpStatusCode.OK);
        (await api.DeleteAsync($"/v1/teams/{teamId}/members/{memberId}", owner)).Status.ShouldBe(HttpStatusCode.NoContent);

        // The accounts' own sign-ups and logins are recorded too, without a team.
        var teamEntries = audit.Entries.Where(e => !e.Action.StartsWith("account.", StringComparison.Ordinal)).ToList();
        teamEntries.Select(e => (e.Action, e.ActorAccountId, e.SubjectAccountId, e.KeyId)).ShouldBe(
        [
            (AuditActions.TeamCreated, ownerId, null, null),
            (AuditActions.TeamMemberInvited, ownerId, null, null),
            (AuditActions.TeamInvitationAccepted, memberId, memberId, null),
            (AuditActions.KeyCreated, memberId, null, keyId),
            (AuditActions.KeyEdited, memberId, null, keyId),
            (AuditActions.KeyRolled, memberId, null, keyId),
            (AuditActions.KeyRevealed, ownerId, null, rolledId),
            (AuditActions.KeyRevoked, memberId, null, rolledId),
            (AuditActions.TeamMemberRoleChanged, ownerId, memberId, null),
            (AuditActions.TeamMemberRemoved, ownerId, memberId, null),
        ]);
        teamEntries.ShouldAllBe(e => e.TeamId == teamId);
        var roleChange = audit.Entries.Single(e => e.Action == AuditActions.TeamMemberRoleChanged);
        roleChange.Before!["role"]!.GetValue<string>().ShouldBe("developer");
        roleChange.After!["role"]!.GetValue<string>().ShouldBe("viewer");
        var edit = audit.Entries.Single(e => e.Action == AuditActions.KeyEdited);
        (edit.Before!["name"]!.GetValue<string>(), edit.After!["name"]!.GetValue<string>()).ShouldBe(("audited", "renamed"));

        var everything = JsonSerializer.Serialize(audit.Entries.Select(e => new { e.Action, Before = e.Before?.ToJsonString(), After = e.After?.ToJsonString() }));
        foreach (var secret in new[] { invitation, key, rolled.GetProperty("key").GetString()!, "correct horse battery" })
            everything.ShouldNotContain(secret);
    }
}
