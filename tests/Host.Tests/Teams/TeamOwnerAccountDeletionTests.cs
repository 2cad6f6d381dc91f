using System.Net;
using Host.Tests.Support;
using KsQuery.Modules.Keys.ApiKeys;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task A_deletion_that_failed_after_disbanding_a_team_revokes_the_teams_keys_when_retried()
    {
        var keys = new FailingOnceKeyList();
        await using var host = await TestHost.StartAsync(_data.Path, replaceServices: services =>
            services.AddSingleton<IApiKeyStore>(sp => keys.Over(sp.GetRequiredService<LiteDbApiKeyStore>())));
        var api = new ApiClient(host);
        var owner = await api.SignUpAndLogInAsync("retry@example.com");
        var teamId = await api.CreateTeamAsync(owner, "solo");
        var (_, teamKey) = await api.CreateTeamKeyAsync(owner, teamId, "solo-key");
        keys.FailFor = teamId;

        var (failedStatus, failed, _) = await api.SendAsync(HttpMethod.Delete, "/v1/me", new { password = Password }, owner);
        failedStatus.ShouldBe(HttpStatusCode.InternalServerError, failed.ToString());
        (await api.GetAsync("/v1/me", owner)).Status.ShouldBe(HttpStatusCode.OK, "the account is still there to delete again");
        (await api.GetAsync($"/v1/teams/{teamId}", owner)).Status.ShouldBe(HttpStatusCode.NotFound, "the team was disbanded before the failure");

        var (status, body, _) = await api.SendAsync(HttpMethod.Delete, "/v1/me", new { password = Password }, owner);

        status.ShouldBe(HttpStatusCode.NoContent, body.ToString());
        var (callStatus, call, _) = await api.GetAsync(KeyedCall, apiKey: teamKey);
        callStatus.ShouldBe(HttpStatusCode.Unauthorized, "the disbanded team's key must not outlive the account");
        call.Code().ShouldBe("key_revoked");
    }

    /// <summary>The real key store, except that listing the keys of <see cref="FailFor"/> throws once (a store failure half-way
    /// through an account's deletion).</summary>
    private sealed class FailingOnceKeyList
    {
        public string? FailFor { get; set; }

        public IApiKeyStore Over(IApiKeyStore inner) => new Store(inner, this);

        private sealed class Store(IApiKeyStore inner, FailingOnceKeyList control) : IApiKeyStore
        {
            public Task<IReadOnlyList<ApiKeyRecord>> ListByAccountAsync(string accountId, CancellationToken cancellationToken)
            {
                if (accountId != control.FailFor)
                    return inner.ListByAccountAsync(accountId, cancellationToken);
                control.FailFor = null;
                throw new IOException("the store failed half-way");
            }

            public Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);
            public bool MayExist(ReadOnlySpan<char> id) => inner.MayExist(id);
            public Task<IReadOnlyList<ApiKeyRecord>> ListAllAsync(CancellationToken cancellationToken) => inner.ListAllAsync(cancellationToken);
            public Task<KeyWrite> TryInsertAsync(ApiKeyRecord key, KeyLimit limit, CancellationToken cancellationToken) =>
                inner.TryInsertAsync(key, limit, cancellationToken);
            public Task<(KeyWrite Result, ApiKeyRecord? Key)> TryChangeAsync(string id, string accountId, Func<ApiKeyRecord, ApiKeyRecord> change,
                CancellationToken cancellationToken) => inner.TryChangeAsync(id, accountId, change, cancellationToken);
            public Task<KeyWrite> TryRollAsync(ApiKeyRecord retiring, ApiKeyRecord replacement, KeyLimit limit, CancellationToken cancellationToken) =>
                inner.TryRollAsync(retiring, replacement, limit, cancellationToken);
            public Task SetSecretCheckAsync(string id, string secretHash, int check, CancellationToken cancellationToken) =>
                inner.SetSecretCheckAsync(id, secretHash, check, cancellationToken);
            public Task<IReadOnlyList<ApiKeyRecord>> ListEndingBetweenAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken) =>
                inner.ListEndingBetweenAsync(after, until, cancellationToken);
            public Task DeleteByAccountAsync(string accountId, CancellationToken cancellationToken) => inner.DeleteByAccountAsync(accountId, cancellationToken);
            public Task SetLastUsedAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUse, CancellationToken cancellationToken) =>
                inner.SetLastUsedAsync(lastUse, cancellationToken);
        }
    }
}
