using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Teams;
using KsQuery.Tests.Postgres;

namespace Keys.Tests.Storage.Contract;

/// <summary>What every <see cref="ITeamStore"/> does, LiteDB's and PostgreSQL's alike.</summary>
public abstract class TeamStoreContract : KeysStoreContract
{
    private static readonly TeamRecord Team = new("team_1", "Core", "acc_1", Now);

    private static TeamMemberRecord Member(string account, TeamRole role = TeamRole.Developer, string team = "team_1") => new(team, account, role, Now);

    private static TeamInvitationRecord Invitation(string id, string tokenHash, string team = "team_1") =>
        new(id, team, "Bob@Example.com", "bob@example.com", TeamRole.Admin, tokenHash, "acc_1", Now, Now.AddDays(7));

    private async Task CreateTeamWithOwnerAsync() => await Stores.Teams.CreateAsync(Team, Member("acc_1", TeamRole.Owner), default);

    [StoreContractFact]
    public async Task A_team_is_created_with_its_owner()
    {
        await CreateTeamWithOwnerAsync();

        (await Stores.Teams.FindAsync("team_1", default)).ShouldBe(Team);
        (await Stores.Teams.FindAsync("TEAM_1", default)).ShouldBeNull();
        (await Stores.Teams.FindMemberAsync("team_1", "acc_1", default)).ShouldBe(Member("acc_1", TeamRole.Owner));
        (await Stores.Teams.MembersAsync("team_1", default)).ShouldBe([Member("acc_1", TeamRole.Owner)]);
        (await Stores.Teams.MembershipsAsync("acc_1", default)).ShouldBe([Member("acc_1", TeamRole.Owner)]);
        (await Stores.Teams.MembershipsAsync("acc_2", default)).ShouldBeEmpty();
    }

    [StoreContractFact]
    public async Task Invitations_are_listed_per_team_and_found_by_token_hash()
    {
        await CreateTeamWithOwnerAsync();
        var invitation = Invitation("inv_1", "hash-1");
        await Stores.Teams.InsertInvitationAsync(invitation, default);
        await Stores.Teams.InsertInvitationAsync(Invitation("inv_2", "hash-2", team: "team_2"), default);

        (await Stores.Teams.InvitationsAsync("team_1", default)).ShouldBe([invitation]);
        (await Stores.Teams.FindInvitationByTokenHashAsync("hash-1", default)).ShouldBe(invitation);
        (await Stores.Teams.FindInvitationByTokenHashAsync("HASH-1", default)).ShouldBeNull();
    }

    [StoreContractFact]
    public async Task Accepting_marks_the_invitation_and_adds_the_member_once()
    {
        await CreateTeamWithOwnerAsync();
        await Stores.Teams.InsertInvitationAsync(Invitation("inv_1", "hash-1"), default);
        await Stores.Teams.InsertInvitationAsync(Invitation("inv_2", "hash-2"), default);
        var bob = Member("acc_2", TeamRole.Admin);

        (await Stores.Teams.TryAcceptAsync("inv_1", bob, default)).ShouldBe(InvitationAcceptance.Done);
        (await Stores.Teams.TryAcceptAsync("inv_1", bob, default)).ShouldBe(InvitationAcceptance.AlreadyAccepted);
        (await Stores.Teams.TryAcceptAsync("inv_2", bob, default)).ShouldBe(InvitationAcceptance.AlreadyMember);
        (await Stores.Teams.TryAcceptAsync("inv_2", bob with { TeamId = "team_gone" }, default)).ShouldBe(InvitationAcceptance.TeamGone);

        (await Stores.Teams.FindMemberAsync("team_1", "acc_2", default)).ShouldBe(bob);
        var accepted = (await Stores.Teams.FindInvitationByTokenHashAsync("hash-1", default)).ShouldNotBeNull();
        (accepted.AcceptedAt, accepted.AcceptedBy).ShouldBe((Now, "acc_2"));
        (await Stores.Teams.FindInvitationByTokenHashAsync("hash-2", default)).ShouldNotBeNull().AcceptedAt.ShouldBeNull();
    }

    [StoreContractFact]
    public async Task Of_two_accounts_accepting_one_invitation_exactly_one_joins()
    {
        await CreateTeamWithOwnerAsync();
        await Stores.Teams.InsertInvitationAsync(Invitation("inv_1", "hash-1"), default);
        var other = Stores.OpenAnother();

        var results = await Task.WhenAll(Enumerable.Range(2, 6).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Stores : other).Teams.TryAcceptAsync("inv_1", Member($"acc_{i}"), default))));

        results.Count(r => r == InvitationAcceptance.Done).ShouldBe(1);
        (await Stores.Teams.MembersAsync("team_1", default)).Count.ShouldBe(2);
    }

    [StoreContractFact]
    public async Task The_last_owner_can_be_neither_demoted_nor_removed()
    {
        await CreateTeamWithOwnerAsync();
        await Stores.Teams.InsertInvitationAsync(Invitation("inv_1", "hash-1"), default);
        await Stores.Teams.TryAcceptAsync("inv_1", Member("acc_2"), default);

        (await Stores.Teams.TryChangeRoleAsync("team_1", "acc_1", TeamRole.Admin, default)).Result.ShouldBe(MemberWrite.LastOwner);
        (await Stores.Teams.TryRemoveAsync("team_1", "acc_1", default)).ShouldBe(MemberWrite.LastOwner);
        (await Stores.Teams.TryChangeRoleAsync("team_1", "acc_9", TeamRole.Admin, default)).Result.ShouldBe(MemberWrite.NotFound);
        (await Stores.Teams.TryRemoveAsync("team_1", "acc_9", default)).ShouldBe(MemberWrite.NotFound);

        (await Stores.Teams.TryChangeRoleAsync("team_1", "acc_2", TeamRole.Owner, default)).ShouldBe((MemberWrite.Done, Member("acc_2", TeamRole.Owner)));
        (await Stores.Teams.TryChangeRoleAsync("team_1", "acc_1", TeamRole.Developer, default)).Result.ShouldBe(MemberWrite.Done);
        (await Stores.Teams.TryRemoveAsync("team_1", "acc_1", default)).ShouldBe(MemberWrite.Done);
        (await Stores.Teams.MembersAsync("team_1", default)).ShouldBe([Member("acc_2", TeamRole.Owner)]);
    }

    [StoreContractFact]
    public async Task Two_owners_removing_each_other_at_once_leave_one_owner()
    {
        await CreateTeamWithOwnerAsync();
        await Stores.Teams.InsertInvitationAsync(Invitation("inv_1", "hash-1"), default);
        await Stores.Teams.TryAcceptAsync("inv_1", Member("acc_2", TeamRole.Owner), default);
        var other = Stores.OpenAnother();

        var results = await Task.WhenAll(
            Task.Run(() => Stores.Teams.TryRemoveAsync("team_1", "acc_1", default)),
            Task.Run(() => other.Teams.TryChangeRoleAsync("team_1", "acc_2", TeamRole.Developer, default).ContinueWith(t => t.Result.Result)));

        results.Count(r => r == MemberWrite.Done).ShouldBe(1);
        results.Count(r => r == MemberWrite.LastOwner).ShouldBe(1);
        (await Stores.Teams.MembersAsync("team_1", default)).Count(m => m.Role == TeamRole.Owner).ShouldBe(1);
    }

    [StoreContractFact]
    public async Task A_team_with_only_the_account_is_disbanded_with_its_members_and_invitations()
    {
        await CreateTeamWithOwnerAsync();
        await Stores.Teams.InsertInvitationAsync(Invitation("inv_1", "hash-1"), default);

        (await Stores.Teams.TryDisbandAsync(["team_1"], "acc_1", Now, Now.AddDays(30), default)).ShouldBeEmpty();

        (await Stores.Teams.FindAsync("team_1", default)).ShouldBeNull();
        (await Stores.Teams.MembershipsAsync("acc_1", default)).ShouldBeEmpty();
        (await Stores.Teams.InvitationsAsync("team_1", default)).ShouldBeEmpty();
    }

    [StoreContractFact]
    public async Task A_disband_of_teams_another_member_joined_deletes_nothing()
    {
        await CreateTeamWithOwnerAsync();
        await Stores.Teams.CreateAsync(Team with { Id = "team_2" }, Member("acc_1", TeamRole.Owner, team: "team_2"), default);
        await Stores.Teams.InsertInvitationAsync(Invitation("inv_1", "hash-1", team: "team_2"), default);
        await Stores.Teams.TryAcceptAsync("inv_1", Member("acc_2", team: "team_2"), default);

        (await Stores.Teams.TryDisbandAsync(["team_1", "team_2"], "acc_1", Now, Now.AddDays(30), default)).ShouldBe(["team_2"]);

        (await Stores.Teams.FindAsync("team_1", default)).ShouldNotBeNull();
        (await Stores.Teams.MembersAsync("team_2", default)).Count.ShouldBe(2);
        (await Stores.Teams.ListDisbandedDueAsync(Now.AddYears(1), default)).ShouldBeEmpty("nothing is remembered as disbanded");
    }

    [StoreContractFact]
    public async Task A_disbanded_team_is_due_for_its_purge_from_its_purge_time_until_forgotten()
    {
        await CreateTeamWithOwnerAsync();
        await Stores.Teams.CreateAsync(Team with { Id = "team_2" }, Member("acc_2", TeamRole.Owner, team: "team_2"), default);
        await Stores.Teams.CreateAsync(Team with { Id = "team_3" }, Member("acc_1", TeamRole.Owner, team: "team_3"), default);
        var purgeAt = Now.AddDays(30);

        (await Stores.Teams.TryDisbandAsync(["team_1", "team_3"], "acc_1", Now, purgeAt, default)).ShouldBeEmpty();
        (await Stores.Teams.TryDisbandAsync(["team_2"], "acc_2", Now, purgeAt.AddDays(1), default)).ShouldBeEmpty();

        (await Stores.Teams.ListDisbandedDueAsync(purgeAt.AddTicks(-1), default)).ShouldBeEmpty();
        (await Stores.Teams.ListDisbandedDueAsync(purgeAt, default)).OrderBy(t => t.Id, StringComparer.Ordinal)
            .ShouldBe([new DisbandedTeam("team_1", Now, purgeAt), new DisbandedTeam("team_3", Now, purgeAt)]);
        // Another instance (PostgreSQL) sees the same; a second look still finds them until they are forgotten.
        (await Stores.OpenAnother().Teams.ListDisbandedDueAsync(purgeAt, default)).Count.ShouldBe(2);

        await Stores.Teams.ForgetDisbandedAsync("team_1", default);
        (await Stores.Teams.ListDisbandedDueAsync(purgeAt.AddDays(1), default)).Select(t => t.Id).Order(StringComparer.Ordinal)
            .ShouldBe(["team_2", "team_3"]);
    }

    [StoreContractFact]
    public async Task The_teams_an_accounts_deletion_disbanded_are_known_by_that_account_until_forgotten()
    {
        await CreateTeamWithOwnerAsync();
        await Stores.Teams.CreateAsync(Team with { Id = "team_2" }, Member("acc_2", TeamRole.Owner, team: "team_2"), default);
        await Stores.Teams.CreateAsync(Team with { Id = "team_3" }, Member("acc_1", TeamRole.Owner, team: "team_3"), default);
        (await Stores.Teams.DisbandedByAsync("acc_1", default)).ShouldBeEmpty();

        // A deletion retried after a failure no longer finds these teams among the account's memberships.
        (await Stores.Teams.TryDisbandAsync(["team_1", "team_3"], "acc_1", Now, Now.AddDays(30), default)).ShouldBeEmpty();
        (await Stores.Teams.TryDisbandAsync(["team_2"], "acc_2", Now, Now.AddDays(30), default)).ShouldBeEmpty();

        (await Stores.Teams.DisbandedByAsync("acc_1", default)).Order(StringComparer.Ordinal).ShouldBe(["team_1", "team_3"]);
        (await Stores.OpenAnother().Teams.DisbandedByAsync("acc_2", default)).ShouldBe(["team_2"]);
        await Stores.Teams.ForgetDisbandedAsync("team_1", default);
        (await Stores.Teams.DisbandedByAsync("acc_1", default)).ShouldBe(["team_3"]);
    }
}

public sealed class LiteDbTeamStoreTests : TeamStoreContract
{
    private protected override Task<KeysStores> OpenAsync() => Task.FromResult(KeysStores.LiteDb());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresTeamStoreTests(PostgresCluster cluster) : TeamStoreContract, IPostgresStoreTests
{
    private protected override Task<KeysStores> OpenAsync() => KeysStores.PostgresAsync(cluster);
}
