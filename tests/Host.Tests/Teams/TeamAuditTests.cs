using System.Net;
using Host.Tests.Support;

namespace Host.Tests.Teams;

/// <summary>Issue 17: the audit log and the key activity timeline of a team. Owners and admins see everything done in the
/// team; developers and viewers only their own actions; every member reads the timeline of a team's key.</summary>
public sealed class TeamAuditTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Owners_see_the_teams_entries_members_see_their_own_and_every_member_reads_a_team_keys_activity()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        var teamId = await api.CreateTeamAsync(owner);
        var developer = await api.SignUpAndLogInAsync("dev@example.com");
        var viewer = await api.SignUpAndLogInAsync("viewer@example.com");
        var outsider = await api.SignUpAndLogInAsync("outsider@example.com");
        foreach (var (token, email, role) in new[] { (developer, "dev@example.com", "developer"), (viewer, "viewer@example.com", "viewer") })
        {
            var invitation = await api.InviteAsync(owner, teamId, email, role);
            (await api.PostAsync("/v1/invitations/accept", new { token = invitation }, token)).Status.ShouldBe(HttpStatusCode.OK);
        }
        var (keyId, _) = await api.CreateTeamKeyAsync(developer, teamId, "shared");

        async Task<List<string>> ActionsAsync(string token)
        {
            var (status, page, _) = await api.GetAsync($"/v1/audit?keyId={keyId}", bearer: token);
            status.ShouldBe(HttpStatusCode.OK, page.ToString());
            return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToList();
        }
        (await ActionsAsync(owner)).ShouldBe(["key.created"], "the owner sees what a developer did in the team");
        (await ActionsAsync(developer)).ShouldBe(["key.created"], "the developer did it");
        (await ActionsAsync(viewer)).ShouldBeEmpty("a viewer sees its own actions only");
        (await ActionsAsync(outsider)).ShouldBeEmpty();

        var (viewerStatus, timeline, _) = await api.GetAsync($"/v1/keys/{keyId}/activity", bearer: viewer);
        viewerStatus.ShouldBe(HttpStatusCode.OK, timeline.ToString());
        timeline.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()).ShouldContain("key.created");
        var (outsiderStatus, refused, _) = await api.GetAsync($"/v1/keys/{keyId}/activity", bearer: outsider);
        outsiderStatus.ShouldBe(HttpStatusCode.NotFound);
        refused.Code().ShouldBe("key_not_found");
    }
}
