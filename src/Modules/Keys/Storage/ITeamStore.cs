using KsQuery.Modules.Keys.Teams;

namespace KsQuery.Modules.Keys.Storage;

internal enum MemberWrite { Done, NotFound, LastOwner }

internal enum InvitationAcceptance { Done, AlreadyAccepted, AlreadyMember, TeamGone }

/// <summary>Teams, their members and invitations. Writes return once committed; the checks that keep a team with at least
/// one owner are made in the same step as the write.</summary>
internal interface ITeamStore
{
    /// <summary>Stores a new team with its creator as the only member, an owner.</summary>
    Task CreateAsync(TeamRecord team, TeamMemberRecord owner, CancellationToken cancellationToken);

    Task<TeamRecord?> FindAsync(string teamId, CancellationToken cancellationToken);

    Task<TeamMemberRecord?> FindMemberAsync(string teamId, string accountId, CancellationToken cancellationToken);

    Task<IReadOnlyList<TeamMemberRecord>> MembersAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>Every team membership of an account.</summary>
    Task<IReadOnlyList<TeamMemberRecord>> MembershipsAsync(string accountId, CancellationToken cancellationToken);

    Task InsertInvitationAsync(TeamInvitationRecord invitation, CancellationToken cancellationToken);

    Task<IReadOnlyList<TeamInvitationRecord>> InvitationsAsync(string teamId, CancellationToken cancellationToken);

    Task<TeamInvitationRecord?> FindInvitationByTokenHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Marks the invitation accepted by <paramref name="member"/>'s account and adds the member, in one step.</summary>
    Task<InvitationAcceptance> TryAcceptAsync(string invitationId, TeamMemberRecord member, CancellationToken cancellationToken);

    /// <summary><see cref="MemberWrite.LastOwner"/> when the change would leave the team without an owner.</summary>
    Task<(MemberWrite Result, TeamMemberRecord? Member)> TryChangeRoleAsync(string teamId, string accountId, TeamRole role,
        CancellationToken cancellationToken);

    /// <summary><see cref="MemberWrite.LastOwner"/> when the member is the team's only owner.</summary>
    Task<MemberWrite> TryRemoveAsync(string teamId, string accountId, CancellationToken cancellationToken);

    /// <summary>Deletes the teams whose only member is <paramref name="accountId"/>, with their members and invitations, and
    /// remembers them as disbanded until <paramref name="purgeAt"/> (their keys and usage are removed then), in one step;
    /// when another member has joined one of them meanwhile, deletes nothing and answers those teams' ids.</summary>
    Task<IReadOnlyList<string>> TryDisbandAsync(IReadOnlyList<string> teamIds, string accountId, DateTimeOffset disbandedAt,
        DateTimeOffset purgeAt, CancellationToken cancellationToken);

    /// <summary>Disbanded teams whose <see cref="DisbandedTeam.PurgeAt"/> is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<DisbandedTeam>> ListDisbandedDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The teams that <paramref name="accountId"/>'s deletion disbanded and that are not forgotten yet: a deletion that
    /// failed after the disband is retried without their memberships, and must still revoke their keys.</summary>
    Task<IReadOnlyList<string>> DisbandedByAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Forgets a disbanded team once its data is removed.</summary>
    Task ForgetDisbandedAsync(string teamId, CancellationToken cancellationToken);
}
