using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Teams;

/// <summary>Deleting an account never leaves a team without an owner: the last owner of a team with other members is
/// refused (409 <c>team_owner_required</c>, naming the teams) until another member is an owner; a team with no other
/// member goes with the account (its keys are revoked at once).</summary>
public sealed class TeamOwnerAccountDeletionTests : IDisposable
{
    private const string Password = "correct horse battery";
    private const string KeyedCall = "/v1/kalp/testnet/network";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_last_owner_of_a_team_with_members_cannot_delete_the_account_until_another_member_is_an_owner()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        var teamId = await api.CreateTeamAsync(owner, "platform");
        var member = await api.JoinAsync(owner, teamId, "member@example.com", "developer");
        var memberId = await api.AccountIdAsync(member);
        var (_, teamKey) = await api.CreateTeamKeyAsync(owner, teamId, "shared");

        var (refusedStatus, refused, _) = await api.SendAsync(HttpMethod.Delete, "/v1/me", new { password = Password }, owner);

        refusedStatus.ShouldBe(HttpStatusCode.Conflict, refused.ToString());
        refused.Code().ShouldBe("team_owner_required");
        refused.GetProperty("detail").GetString()!.ShouldContain("platform");
        var teams = refused.GetProperty("teams").EnumerateArray().ToList();
        teams.Count.ShouldBe(1);
        teams[0].GetProperty("id").GetString().ShouldBe(teamId);
        teams[0].GetProperty("name").GetString().ShouldBe("platform");
        (await api.GetAsync("/v1/me", owner)).Status.ShouldBe(HttpStatusCode.OK, "nothing changed");
        (await api.GetAsync(KeyedCall, apiKey: teamKey)).Status.ShouldBe(HttpStatusCode.OK, "the team's key still works");

        (await api.PatchAsync($"/v1/teams/{teamId}/members/{memberId}", new { role = "owner" }, owner)).Status.ShouldBe(HttpStatusCode.OK);
        var (deletedStatus, deleted, _) = await api.SendAsync(HttpMethod.Delete, "/v1/me", new { password = Password }, owner);

        deletedStatus.ShouldBe(HttpStatusCode.NoContent, deleted.ToString());
        var (teamStatus, team, _) = await api.GetAsync($"/v1/teams/{teamId}", member);
        teamStatus.ShouldBe(HttpStatusCode.OK, team.ToString());
        team.GetProperty("role").GetString().ShouldBe("owner");
        (await api.GetAsync(KeyedCall, apiKey: teamKey)).Status.ShouldBe(HttpStatusCode.OK, "a team's key outlives the account that issued it");
    }

    [Fact]
    public async Task A_team_whose_only_member_deletes_the_account_goes_with_it_and_its_keys_are_revoked()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("alone@example.com");
        var teamId = await api.CreateTeamAsync(owner, "solo");
        var (_, teamKey) = await api.CreateTeamKeyAsync(owner, teamId, "solo-key");
        (await api.GetAsync(KeyedCall, apiKey: teamKey)).Status.ShouldBe(HttpStatusCode.OK);
        var invited = await api.SignUpAndLogInAsync("invited@example.com");
        var pending = await api.InviteAsync(owner, teamId, "invited@example.com", "developer");

        var (status, body, _) = await api.SendAsync(HttpMethod.Delete, "/v1/me", new { password = Password }, owner);

        status.ShouldBe(HttpStatusCode.NoContent, body.ToString());
        var (callStatus, call, _) = await api.GetAsync(KeyedCall, apiKey: teamKey);
        callStatus.ShouldBe(HttpStatusCode.Unauthorized);
        call.Code().ShouldBe("key_revoked");
        // The team is gone: its pending invitation cannot bring it back as a team without an owner.
        var (acceptStatus, accepted, _) = await api.PostAsync("/v1/invitations/accept", new { token = pending }, invited);
        acceptStatus.ShouldBe(HttpStatusCode.NotFound, accepted.ToString());
        accepted.Code().ShouldBe("invitation_not_found");
        (await api.GetAsync($"/v1/teams/{teamId}", invited)).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
