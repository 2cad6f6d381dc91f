using System.Net;
using Host.Tests.Support;
using KsQuery.Modules.Keys.Accounts.Delete;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UsageTestHost = Host.Tests.Usage.UsageTestHost;

namespace Host.Tests.Teams;

/// <summary>A team that goes with its only member's account (the one way a team is deleted) keeps its revoked keys and
/// usage for <c>Accounts:DeletedRetentionDays</c>, across a restart, and then loses them to the purge as the account does;
/// its members and invitations are gone at once, and nothing of another team or account is touched.</summary>
public sealed class DisbandedTeamRetentionTests : IDisposable
{
    private const string Password = "correct horse battery";
    private const string KeyedCall = "/v1/kalp/testnet/network";
    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2031, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_disbanded_teams_keys_and_usage_are_kept_through_a_restart_and_removed_after_the_retention_only()
    {
        var settings = new Dictionary<string, string?> { ["Accounts:DeletedRetentionDays"] = "7" };
        string goneTeamId, goneKeyId, goneKey, stayingTeamId, stayingKeyId, stayingKey, stayingPersonalKeyId, stayingPersonalKey;
        await using (var first = await TestHost.StartAsync(_data.Path, settings, _clock))
        {
            var api = new ApiClient(first);
            var leaving = await api.SignUpAndLogInAsync("leaving@example.com");
            goneTeamId = await api.CreateTeamAsync(leaving, "solo");
            (goneKeyId, goneKey) = await api.CreateTeamKeyAsync(leaving, goneTeamId, "solo-key");
            await api.SignUpAndLogInAsync("invited@example.com");
            await api.InviteAsync(leaving, goneTeamId, "invited@example.com", "developer");

            var staying = await api.SignUpAndLogInAsync("staying@example.com");
            await api.SelectAsync(staying);
            stayingTeamId = await api.CreateTeamAsync(staying, "kept");
            (stayingKeyId, stayingKey) = await api.CreateTeamKeyAsync(staying, stayingTeamId, "kept-key");
            (stayingPersonalKeyId, stayingPersonalKey) = await api.CreateKeyAsync(staying, "personal");
            await api.InviteAsync(staying, stayingTeamId, "invited@example.com", "viewer");

            foreach (var key in new[] { goneKey, stayingKey, stayingPersonalKey })
                (await UsageTestHost.CallAsync(first, KeyedCall, key)).Status.ShouldBe(200, "a call from a client address, which usage remembers per key");
            var (deleted, body, _) = await api.SendAsync(HttpMethod.Delete, "/v1/me", new { password = Password }, leaving);
            deleted.ShouldBe(HttpStatusCode.NoContent, body.ToString());
        } // a graceful stop writes the usage counted so far

        await using var second = await TestHost.StartAsync(_data.Path, settings, _clock);
        var database = second.Services.GetRequiredService<ILiteDatabase>();
        var purge = second.Services.GetRequiredService<IDeletedAccountPurge>();
        var gone = new Owner(goneTeamId, [goneKeyId]);
        var stayingTeam = new Owner(stayingTeamId, [stayingKeyId]);
        StoredOf(database, gone).ShouldBe(new Stored(Keys: 1, Buckets: true, Addresses: true, Members: 0, Invitations: 0),
            "keys and usage kept during the retention; the team, its members and invitations gone at once");
        var stayingBefore = StoredOf(database, stayingTeam);
        stayingBefore.ShouldBe(new Stored(Keys: 1, Buckets: true, Addresses: true, Members: 1, Invitations: 1));
        var stayingAccountKeys = database.GetCollection("keys_api_keys").Count(Query.EQ("_id", stayingPersonalKeyId));

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await purge.RunAsync(CancellationToken.None);
        StoredOf(database, gone).ShouldBe(new Stored(Keys: 1, Buckets: true, Addresses: true, Members: 0, Invitations: 0), "a minute before its end");

        _clock.Advance(TimeSpan.FromMinutes(2));
        await purge.RunAsync(CancellationToken.None);
        StoredOf(database, gone).ShouldBe(new Stored(Keys: 0, Buckets: false, Addresses: false, Members: 0, Invitations: 0), "removed after it");
        database.GetCollection("keys_disbanded_teams").Count().ShouldBe(0, "the disbanded team is forgotten");
        (await purge.RunAsync(CancellationToken.None)).ShouldBe(0, "nothing is left to remove");

        var api2 = new ApiClient(second);
        var (purgedStatus, purged, _) = await api2.GetAsync(KeyedCall, apiKey: goneKey);
        purgedStatus.ShouldBe(HttpStatusCode.Unauthorized);
        purged.Code().ShouldBe("key_invalid", "the key no longer exists at all");

        StoredOf(database, stayingTeam).ShouldBe(stayingBefore, "another team keeps everything");
        database.GetCollection("keys_api_keys").Count(Query.EQ("_id", stayingPersonalKeyId)).ShouldBe(stayingAccountKeys);
        (await api2.GetAsync(KeyedCall, apiKey: stayingKey)).Status.ShouldBe(HttpStatusCode.OK);
        (await api2.GetAsync(KeyedCall, apiKey: stayingPersonalKey)).Status.ShouldBe(HttpStatusCode.OK);
    }

    private sealed record Owner(string Id, string[] KeyIds);

    private sealed record Stored(int Keys, bool Buckets, bool Addresses, int Members, int Invitations);

    private static Stored StoredOf(ILiteDatabase database, Owner owner) => new(
        database.GetCollection("keys_api_keys").Count(Query.EQ("accountId", owner.Id)),
        database.GetCollection("usage_buckets").Count(Query.EQ("AccountId", owner.Id)) > 0,
        owner.KeyIds.Any(keyId => database.GetCollection("usage_addresses").Count(Query.EQ("KeyId", keyId)) > 0),
        database.GetCollection("keys_team_members").Count(Query.EQ("teamId", owner.Id)),
        database.GetCollection("keys_team_invitations").Count(Query.EQ("teamId", owner.Id)));
}
