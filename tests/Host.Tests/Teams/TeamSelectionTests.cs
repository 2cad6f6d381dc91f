using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Teams;

/// <summary><c>PUT /v1/me/selection</c> is each account's own dashboard context (a team has none): its active key may be
/// any key the caller can read, a team's key included for its members of every role; anyone outside the team, and a
/// member once removed, gets 404 <c>key_not_found</c> as for another account's key.</summary>
public sealed class TeamSelectionTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_member_selects_a_team_key_as_the_active_key_and_an_outsider_or_a_removed_member_cannot()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        var teamId = await api.CreateTeamAsync(owner, "platform");
        var viewer = await api.JoinAsync(owner, teamId, "viewer@example.com", "viewer");
        var viewerId = await api.AccountIdAsync(viewer);
        var outsider = await api.SignUpAndLogInAsync("outsider@example.com");
        var (teamKeyId, _) = await api.CreateTeamKeyAsync(owner, teamId, "shared");
        var selection = new { chain = "kalp", network = "testnet", activeKeyId = teamKeyId };

        var (status, me, _) = await api.SendAsync(HttpMethod.Put, "/v1/me/selection", selection, viewer);
        status.ShouldBe(HttpStatusCode.OK, me.ToString());
        me.GetProperty("selection").GetProperty("activeKeyId").GetString().ShouldBe(teamKeyId);
        var (_, ownerMe, _) = await api.SendAsync(HttpMethod.Put, "/v1/me/selection", selection, owner);
        ownerMe.GetProperty("selection").GetProperty("activeKeyId").GetString().ShouldBe(teamKeyId);

        var (outsiderStatus, refused, _) = await api.SendAsync(HttpMethod.Put, "/v1/me/selection", selection, outsider);
        outsiderStatus.ShouldBe(HttpStatusCode.NotFound);
        refused.Code().ShouldBe("key_not_found");

        (await api.DeleteAsync($"/v1/teams/{teamId}/members/{viewerId}", owner)).Status.ShouldBe(HttpStatusCode.NoContent);
        var (removedStatus, removed, _) = await api.SendAsync(HttpMethod.Put, "/v1/me/selection", selection, viewer);
        removedStatus.ShouldBe(HttpStatusCode.NotFound);
        removed.Code().ShouldBe("key_not_found");
    }
}
