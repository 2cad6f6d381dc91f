using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Teams;

/// <summary>Issue 17, teams: invitations (right and wrong account, expired, reused), removal and leaving take effect at
/// the member's next request, a team always keeps an owner.</summary>
public sealed class TeamMembershipTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task An_invitation_is_accepted_once_by_the_invited_account_only_and_not_after_it_expires()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        var invited = await api.SignUpAndLogInAsync("Invited@Example.com");
        var other = await api.SignUpAndLogInAsync("other@example.com");
        var teamId = await api.CreateTeamAsync(owner, "ops");

        var (created, invitation, _) = await api.PostAsync($"/v1/teams/{teamId}/invitations", new { email = "invited@example.com", role = "developer" }, owner);
        created.ShouldBe(HttpStatusCode.Created, invitation.ToString());
        var token = invitation.GetProperty("token").GetString()!;
        token.ShouldStartWith("ksq_inv_");
        token.Length.ShouldBeGreaterThanOrEqualTo("ksq_inv_".Length + 22, "at least 128 bits in base64url");
        invitation.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(_clock.GetUtcNow().AddDays(7), TimeSpan.FromSeconds(1));

        var (wrongStatus, wrong, _) = await api.PostAsync("/v1/invitations/accept", new { token }, other);
        wrongStatus.ShouldBe(HttpStatusCode.Forbidden);
        wrong.Code().ShouldBe("invitation_for_another_account");
        (await api.GetAsync($"/v1/teams/{teamId}", other)).Status.ShouldBe(HttpStatusCode.NotFound, "the wrong account did not join");

        var (unknownStatus, unknown, _) = await api.PostAsync("/v1/invitations/accept", new { token = token + "x" }, invited);
        unknownStatus.ShouldBe(HttpStatusCode.NotFound);
        unknown.Code().ShouldBe("invitation_not_found");
        var (emptyStatus, empty, _) = await api.PostAsync("/v1/invitations/accept", new { token = "" }, invited);
        emptyStatus.ShouldBe(HttpStatusCode.BadRequest);
        empty.Code().ShouldBe("validation_failed");

        var (acceptedStatus, accepted, _) = await api.PostAsync("/v1/invitations/accept", new { token }, invited);
        acceptedStatus.ShouldBe(HttpStatusCode.OK, accepted.ToString());
        accepted.GetProperty("id").GetString().ShouldBe(teamId);
        accepted.GetProperty("role").GetString().ShouldBe("developer");
        var (_, teams, _) = await api.GetAsync("/v1/teams", invited);
        teams.GetProperty("items")[0].GetProperty("name").GetString().ShouldBe("ops");

        var (reusedStatus, reused, _) = await api.PostAsync("/v1/invitations/accept", new { token }, invited);
        reusedStatus.ShouldBe(HttpStatusCode.Conflict);
        reused.Code().ShouldBe("invitation_used");

        var late = await api.InviteAsync(owner, teamId, "other@example.com", "viewer");
        _clock.Advance(TimeSpan.FromDays(7));
        // Access tokens last an hour: log in again.
        var (_, login, _) = await api.PostAsync("/v1/auth/login", new { email = "other@example.com", password = "correct horse battery" });
        other = login.GetProperty("accessToken").GetString()!;
        owner = (await api.PostAsync("/v1/auth/login", new { email = "owner@example.com", password = "correct horse battery" })).Body
            .GetProperty("accessToken").GetString()!;
        var (expiredStatus, expired, _) = await api.PostAsync("/v1/invitations/accept", new { token = late }, other);
        expiredStatus.ShouldBe(HttpStatusCode.Conflict);
        expired.Code().ShouldBe("invitation_expired");
        (await api.GetAsync($"/v1/teams/{teamId}", other)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync($"/v1/teams/{teamId}", owner)).Body.GetProperty("invitations").GetArrayLength().ShouldBe(0, "expired invitations are not pending");
    }

    [Fact]
    public async Task Bad_team_input_is_refused_with_validation_failed_and_changes_nothing()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        foreach (var name in new[] { "", "   ", new string('n', 65), "evil\u202Ename" })
        {
            var (status, problem, _) = await api.PostAsync("/v1/teams", new { name }, owner);
            status.ShouldBe(HttpStatusCode.BadRequest, name);
            problem.Code().ShouldBe("validation_failed");
            problem.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        }
        (await api.GetAsync("/v1/teams", owner)).Body.GetProperty("total").GetInt32().ShouldBe(0);

        var teamId = await api.CreateTeamAsync(owner);
        var memberId = await api.AccountIdAsync(await api.JoinAsync(owner, teamId, "member@example.com", "viewer"));
        foreach (var body in new object[] { new { email = "not-an-email", role = "viewer" }, new { email = "a@example.com", role = "boss" }, new { } })
        {
            var (status, problem, _) = await api.PostAsync($"/v1/teams/{teamId}/invitations", body, owner);
            status.ShouldBe(HttpStatusCode.BadRequest, body.ToString());
            problem.Code().ShouldBe("validation_failed");
        }
        var (roleStatus, roleProblem, _) = await api.PatchAsync($"/v1/teams/{teamId}/members/{memberId}", new { role = "superuser" }, owner);
        roleStatus.ShouldBe(HttpStatusCode.BadRequest);
        roleProblem.GetProperty("errors").TryGetProperty("role", out _).ShouldBeTrue();
        var (_, team, _) = await api.GetAsync($"/v1/teams/{teamId}", owner);
        team.GetProperty("invitations").GetArrayLength().ShouldBe(0);
        team.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("accountId").GetString() == memberId)
            .GetProperty("role").GetString().ShouldBe("viewer");

        var (dupStatus, dup, _) = await api.PostAsync($"/v1/teams/{teamId}/invitations", new { email = "MEMBER@example.com", role = "admin" }, owner);
        dupStatus.ShouldBe(HttpStatusCode.Conflict);
        dup.Code().ShouldBe("already_member");
    }

    [Fact]
    public async Task A_removed_member_is_refused_at_their_next_request_and_a_member_may_leave()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        var teamId = await api.CreateTeamAsync(owner);
        var admin = await api.JoinAsync(owner, teamId, "admin@example.com", "admin");
        var developer = await api.JoinAsync(owner, teamId, "developer@example.com", "developer");
        var leaver = await api.JoinAsync(owner, teamId, "leaver@example.com", "viewer");
        var developerId = await api.AccountIdAsync(developer);
        var (keyId, key) = await api.CreateTeamKeyAsync(developer, teamId, "ci");

        (await api.GetAsync($"/v1/keys/{keyId}", developer)).Status.ShouldBe(HttpStatusCode.OK);
        (await api.DeleteAsync($"/v1/teams/{teamId}/members/{developerId}", admin)).Status.ShouldBe(HttpStatusCode.NoContent);

        var (keyStatus, keyProblem, _) = await api.GetAsync($"/v1/keys/{keyId}", developer);
        keyStatus.ShouldBe(HttpStatusCode.NotFound);
        keyProblem.Code().ShouldBe("key_not_found");
        var (revokeStatus, _, _) = await api.PostAsync($"/v1/keys/{keyId}/revoke", new { }, developer);
        revokeStatus.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync($"/v1/teams/{teamId}", developer)).Body.Code().ShouldBe("team_not_found");
        (await api.GetAsync($"/v1/usage/summary?teamId={teamId}", developer)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/v1/teams", developer)).Body.GetProperty("total").GetInt32().ShouldBe(0);
        (await api.GetAsync("/v1/kalp/testnet/network", apiKey: key)).Status.ShouldBe(HttpStatusCode.OK, "the team's key stays the team's and keeps working");

        var leaverId = await api.AccountIdAsync(leaver);
        (await api.DeleteAsync($"/v1/teams/{teamId}/members/{leaverId}", leaver)).Status.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync($"/v1/teams/{teamId}", leaver)).Status.ShouldBe(HttpStatusCode.NotFound);
        var (_, team, _) = await api.GetAsync($"/v1/teams/{teamId}", owner);
        team.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("email").GetString())
            .ShouldBe(["owner@example.com", "admin@example.com"], ignoreOrder: true);
    }

    [Fact]
    public async Task Only_an_owner_makes_or_removes_an_owner_and_the_last_owner_cannot_leave_or_step_down()
    {
        await using var host = await TestHost.StartAsync(_data.Path, clock: _clock);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        var ownerId = await api.AccountIdAsync(owner);
        var teamId = await api.CreateTeamAsync(owner);
        var admin = await api.JoinAsync(owner, teamId, "admin@example.com", "admin");
        var adminId = await api.AccountIdAsync(admin);

        var (leave, leaveProblem, _) = await api.DeleteAsync($"/v1/teams/{teamId}/members/{ownerId}", owner);
        leave.ShouldBe(HttpStatusCode.Conflict);
        leaveProblem.Code().ShouldBe("last_owner");
        var (demote, demoteProblem, _) = await api.PatchAsync($"/v1/teams/{teamId}/members/{ownerId}", new { role = "admin" }, owner);
        demote.ShouldBe(HttpStatusCode.Conflict);
        demoteProblem.Code().ShouldBe("last_owner");

        (await api.DeleteAsync($"/v1/teams/{teamId}/members/{ownerId}", admin)).Body.Code().ShouldBe("forbidden_role");
        (await api.PatchAsync($"/v1/teams/{teamId}/members/{ownerId}", new { role = "viewer" }, admin)).Body.Code().ShouldBe("forbidden_role");
        (await api.PatchAsync($"/v1/teams/{teamId}/members/{adminId}", new { role = "owner" }, admin)).Body.Code().ShouldBe("forbidden_role");
        var (missing, missingProblem, _) = await api.PatchAsync($"/v1/teams/{teamId}/members/{Guid.NewGuid():N}", new { role = "viewer" }, owner);
        missing.ShouldBe(HttpStatusCode.NotFound);
        missingProblem.Code().ShouldBe("member_not_found");

        var (promoted, member, _) = await api.PatchAsync($"/v1/teams/{teamId}/members/{adminId}", new { role = "owner" }, owner);
        promoted.ShouldBe(HttpStatusCode.OK, member.ToString());
        member.GetProperty("role").GetString().ShouldBe("owner");
        (await api.DeleteAsync($"/v1/teams/{teamId}/members/{ownerId}", owner)).Status.ShouldBe(HttpStatusCode.NoContent, "another owner remains");
        var (_, team, _) = await api.GetAsync($"/v1/teams/{teamId}", admin);
        team.GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("email").GetString(), m.GetProperty("role").GetString()))
            .ShouldBe([("admin@example.com", "owner")]);
    }
}
