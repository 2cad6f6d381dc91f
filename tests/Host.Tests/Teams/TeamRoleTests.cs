using System.Net;
using System.Text.Json;
using Host.Tests.Support;

namespace Host.Tests.Teams;

/// <summary>Issue 17, teams: what each role may do with the team's keys, usage and members, and what it is refused
/// (403 <c>forbidden_role</c>); anyone outside the team gets 404, as for another account's keys.</summary>
public sealed class TeamRoleTests : IDisposable
{
    private const string Password = "correct horse battery";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private sealed record Case(string Action, HttpStatusCode Allowed, string[] Roles, Func<string, Task<(HttpStatusCode, JsonElement)>> Act);

    [Fact]
    public async Task Each_role_is_allowed_what_it_may_do_and_refused_the_rest_with_forbidden_role()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        var teamId = await api.CreateTeamAsync(owner);
        var tokens = new Dictionary<string, string>
        {
            ["owner"] = owner,
            ["admin"] = await api.JoinAsync(owner, teamId, "admin@example.com", "admin"),
            ["developer"] = await api.JoinAsync(owner, teamId, "developer@example.com", "developer"),
            ["viewer"] = await api.JoinAsync(owner, teamId, "viewer@example.com", "viewer"),
        };
        var target = await api.AccountIdAsync(await api.JoinAsync(owner, teamId, "target@example.com", "developer"));
        var (sharedKey, _) = await api.CreateTeamKeyAsync(owner, teamId, "shared", recoverable: true);
        var counter = 0;

        async Task<string> FreshKeyAsync() => (await api.CreateTeamKeyAsync(owner, teamId, $"key-{++counter}", recoverable: true)).Id;
        async Task<(HttpStatusCode, JsonElement)> Send(HttpMethod method, string url, object? body, string token)
        {
            var (status, json, _) = await api.SendAsync(method, url, body, token);
            return (status, json);
        }

        string[] everyone = ["owner", "admin", "developer", "viewer"];
        string[] keyManagers = ["owner", "admin", "developer"];
        string[] memberManagers = ["owner", "admin"];
        var cases = new Case[]
        {
            new("read the team", HttpStatusCode.OK, everyone, t => Send(HttpMethod.Get, $"/v1/teams/{teamId}", null, t)),
            new("list the team's keys", HttpStatusCode.OK, everyone, t => Send(HttpMethod.Get, $"/v1/keys?teamId={teamId}", null, t)),
            new("read a key (masked)", HttpStatusCode.OK, everyone, t => Send(HttpMethod.Get, $"/v1/keys/{sharedKey}", null, t)),
            new("read a key's usage", HttpStatusCode.OK, everyone, t => Send(HttpMethod.Get, $"/v1/keys/{sharedKey}/usage", null, t)),
            new("read the team's usage", HttpStatusCode.OK, everyone, t => Send(HttpMethod.Get, $"/v1/usage/summary?teamId={teamId}", null, t)),
            new("read the team's rejections", HttpStatusCode.OK, everyone, t => Send(HttpMethod.Get, $"/v1/usage/rejections?teamId={teamId}", null, t)),
            new("read the team's timeseries", HttpStatusCode.OK, everyone, t => Send(HttpMethod.Get, $"/v1/usage/timeseries?teamId={teamId}", null, t)),
            new("create a key", HttpStatusCode.Created, keyManagers,
                t => Send(HttpMethod.Post, "/v1/keys", new { name = $"made-{++counter}", teamId, chain = "kalp", network = "testnet" }, t)),
            new("edit a key", HttpStatusCode.OK, keyManagers,
                async t => await Send(HttpMethod.Patch, $"/v1/keys/{await FreshKeyAsync()}", new { description = "edited" }, t)),
            new("roll a key", HttpStatusCode.Created, keyManagers,
                async t => await Send(HttpMethod.Post, $"/v1/keys/{await FreshKeyAsync()}/roll", new { }, t)),
            new("revoke a key", HttpStatusCode.OK, keyManagers,
                async t => await Send(HttpMethod.Post, $"/v1/keys/{await FreshKeyAsync()}/revoke", new { }, t)),
            new("reveal a key another member issued", HttpStatusCode.OK, memberManagers,
                t => Send(HttpMethod.Post, $"/v1/keys/{sharedKey}/reveal", new { password = Password }, t)),
            new("invite a developer", HttpStatusCode.Created, memberManagers,
                t => Send(HttpMethod.Post, $"/v1/teams/{teamId}/invitations", new { email = $"new-{++counter}@example.com", role = "developer" }, t)),
            new("invite an owner", HttpStatusCode.Created, ["owner"],
                t => Send(HttpMethod.Post, $"/v1/teams/{teamId}/invitations", new { email = $"new-{++counter}@example.com", role = "owner" }, t)),
            new("change a developer's role", HttpStatusCode.OK, memberManagers,
                t => Send(HttpMethod.Patch, $"/v1/teams/{teamId}/members/{target}", new { role = "developer" }, t)),
        };

        var wrong = new List<string>();
        foreach (var (role, token) in tokens)
        {
            foreach (var c in cases)
            {
                var (status, body) = await c.Act(token);
                var expected = c.Roles.Contains(role) ? c.Allowed : HttpStatusCode.Forbidden;
                if (status != expected || (expected == HttpStatusCode.Forbidden && body.Code() != "forbidden_role"))
                    wrong.Add($"{role} / {c.Action}: {(int)status} {body}, expected {(int)expected}");
            }
        }
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_developer_reveals_the_recoverable_key_they_issued_and_only_owners_and_admins_see_invitations()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        var teamId = await api.CreateTeamAsync(owner);
        var developer = await api.JoinAsync(owner, teamId, "developer@example.com", "developer");
        var viewer = await api.JoinAsync(owner, teamId, "viewer@example.com", "viewer");
        await api.InviteAsync(owner, teamId, "pending@example.com", "viewer");

        var (id, key) = await api.CreateTeamKeyAsync(developer, teamId, "mine", recoverable: true);
        var (status, revealed, _) = await api.PostAsync($"/v1/keys/{id}/reveal", new { password = Password }, developer);
        status.ShouldBe(HttpStatusCode.OK, revealed.ToString());
        revealed.GetProperty("key").GetString().ShouldBe(key);

        var (_, asOwner, _) = await api.GetAsync($"/v1/teams/{teamId}", owner);
        asOwner.GetProperty("invitations").EnumerateArray().Select(i => i.GetProperty("email").GetString()).ShouldBe(["pending@example.com"]);
        asOwner.GetProperty("invitations")[0].TryGetProperty("token", out _).ShouldBeFalse();
        asOwner.GetProperty("members").GetArrayLength().ShouldBe(3);
        var (_, asViewer, _) = await api.GetAsync($"/v1/teams/{teamId}", viewer);
        asViewer.TryGetProperty("invitations", out _).ShouldBeFalse();
        asViewer.GetProperty("role").GetString().ShouldBe("viewer");
    }

    [Fact]
    public async Task Outsiders_get_404_for_the_team_and_every_one_of_its_keys_and_personal_lists_stay_personal()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("owner@example.com");
        var outsider = await api.SignUpAndLogInAsync("outsider@example.com");
        var teamId = await api.CreateTeamAsync(owner);
        var (keyId, _) = await api.CreateTeamKeyAsync(owner, teamId, "shared", recoverable: true);
        var ownerId = await api.AccountIdAsync(owner);

        var refusals = new (HttpMethod Method, string Url, object? Body, string Code)[]
        {
            (HttpMethod.Get, $"/v1/teams/{teamId}", null, "team_not_found"),
            (HttpMethod.Post, $"/v1/teams/{teamId}/invitations", new { email = "outsider@example.com", role = "owner" }, "team_not_found"),
            (HttpMethod.Patch, $"/v1/teams/{teamId}/members/{ownerId}", new { role = "viewer" }, "team_not_found"),
            (HttpMethod.Delete, $"/v1/teams/{teamId}/members/{ownerId}", null, "team_not_found"),
            (HttpMethod.Get, $"/v1/keys?teamId={teamId}", null, "team_not_found"),
            (HttpMethod.Post, "/v1/keys", new { name = "x", teamId, chain = "kalp", network = "testnet" }, "team_not_found"),
            (HttpMethod.Get, $"/v1/keys/{keyId}", null, "key_not_found"),
            (HttpMethod.Patch, $"/v1/keys/{keyId}", new { name = "taken" }, "key_not_found"),
            (HttpMethod.Post, $"/v1/keys/{keyId}/roll", new { }, "key_not_found"),
            (HttpMethod.Post, $"/v1/keys/{keyId}/revoke", new { }, "key_not_found"),
            (HttpMethod.Post, $"/v1/keys/{keyId}/reveal", new { password = Password }, "key_not_found"),
            (HttpMethod.Get, $"/v1/keys/{keyId}/usage", null, "key_not_found"),
            (HttpMethod.Get, $"/v1/usage/summary?teamId={teamId}", null, "team_not_found"),
            (HttpMethod.Get, $"/v1/usage/rejections?teamId={teamId}", null, "team_not_found"),
            (HttpMethod.Get, $"/v1/usage/timeseries?keyId={keyId}", null, "key_not_found"),
            (HttpMethod.Get, $"/v1/usage/timeseries?teamId={teamId}", null, "team_not_found"),
        };
        foreach (var (method, url, body, code) in refusals)
        {
            var (status, problem, _) = await api.SendAsync(method, url, body, outsider);
            status.ShouldBe(HttpStatusCode.NotFound, $"{method} {url}: {problem}");
            problem.Code().ShouldBe(code, $"{method} {url}");
        }

        // The outsider changed nothing; the team key is the team's, not in anyone's personal list.
        var (_, key, _) = await api.GetAsync($"/v1/keys/{keyId}", owner);
        key.GetProperty("name").GetString().ShouldBe("shared");
        key.GetProperty("status").GetString().ShouldBe("active");
        key.GetProperty("teamId").GetString().ShouldBe(teamId);
        (await api.GetAsync("/v1/keys", owner)).Body.GetProperty("total").GetInt32().ShouldBe(0);
        (await api.GetAsync($"/v1/keys?teamId={teamId}", owner)).Body.GetProperty("total").GetInt32().ShouldBe(1);
        (await api.GetAsync("/v1/teams", outsider)).Body.GetProperty("total").GetInt32().ShouldBe(0);
    }
}
