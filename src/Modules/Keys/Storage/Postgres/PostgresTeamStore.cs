using KsQuery.Modules.Keys.Teams;
using Npgsql;

namespace KsQuery.Modules.Keys.Storage.Postgres;

/// <summary>Teams, members and invitations in <c>ksq_keys</c>. A write that checks the team's owners or members (role
/// change, removal, acceptance, disband) runs in one transaction under an advisory lock on the team, so two instances
/// cannot both remove "one of two owners" and leave the team without one.</summary>
internal sealed class PostgresTeamStore(NpgsqlDataSource dataSource) : ITeamStore
{
    private const string MemberColumns = "team_id, account_id, role, joined_at";

    private const string InvitationColumns =
        "id, team_id, email, normalized_email, role, token_hash, invited_by, created_at, expires_at, accepted_at, accepted_by";

    public async Task CreateAsync(TeamRecord team, TeamMemberRecord owner, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("INSERT INTO ksq_keys.teams (id, name, created_by, created_at) VALUES ($1, $2, $3, $4)",
            connection, transaction).With(team.Id).With(team.Name).With(team.CreatedBy).WithTime(team.CreatedAt))
            await insert.ExecuteNonQueryAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(InsertMemberSql, connection, transaction))
            await WithMember(insert, owner).ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<TeamRecord?> FindAsync(string teamId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name, created_by, created_at FROM ksq_keys.teams WHERE id = $1").With(teamId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new TeamRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.Time(3))
            : null;
    }

    public async Task<TeamMemberRecord?> FindMemberAsync(string teamId, string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindMemberAsync(connection, null, teamId, accountId, cancellationToken);
    }

    public async Task<IReadOnlyList<TeamMemberRecord>> MembersAsync(string teamId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await MembersAsync(connection, null, teamId, cancellationToken);
    }

    public async Task<IReadOnlyList<TeamMemberRecord>> MembershipsAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {MemberColumns} FROM ksq_keys.team_members WHERE account_id = $1 ORDER BY joined_at, team_id")
            .With(accountId);
        return await ReadMembersAsync(command, cancellationToken);
    }

    public async Task InsertInvitationAsync(TeamInvitationRecord invitation, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO ksq_keys.team_invitations ({InvitationColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
        command.With(invitation.Id).With(invitation.TeamId).With(invitation.Email).With(invitation.NormalizedEmail).With(invitation.Role.ToApi())
            .With(invitation.TokenHash).With(invitation.InvitedBy).WithTime(invitation.CreatedAt).WithTime(invitation.ExpiresAt)
            .WithTime(invitation.AcceptedAt).WithText(invitation.AcceptedBy);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TeamInvitationRecord>> InvitationsAsync(string teamId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {InvitationColumns} FROM ksq_keys.team_invitations WHERE team_id = $1 ORDER BY created_at, id")
            .With(teamId);
        return await ReadInvitationsAsync(command, cancellationToken);
    }

    public async Task<TeamInvitationRecord?> FindInvitationByTokenHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {InvitationColumns} FROM ksq_keys.team_invitations WHERE token_hash = $1")
            .With(tokenHash);
        return (await ReadInvitationsAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<InvitationAcceptance> TryAcceptAsync(string invitationId, TeamMemberRecord member, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockTeamAsync(connection, transaction, member.TeamId, cancellationToken);
        await using (var team = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM ksq_keys.teams WHERE id = $1)", connection, transaction).With(member.TeamId))
        {
            if (!(bool)(await team.ExecuteScalarAsync(cancellationToken))!)
                return InvitationAcceptance.TeamGone;
        }
        await using (var invitation = new NpgsqlCommand(
            "SELECT accepted_at IS NULL FROM ksq_keys.team_invitations WHERE id = $1 FOR UPDATE", connection, transaction).With(invitationId))
        {
            if (await invitation.ExecuteScalarAsync(cancellationToken) is not true)
                return InvitationAcceptance.AlreadyAccepted;
        }
        if (await FindMemberAsync(connection, transaction, member.TeamId, member.AccountId, cancellationToken) is not null)
            return InvitationAcceptance.AlreadyMember;
        await using (var accept = new NpgsqlCommand("UPDATE ksq_keys.team_invitations SET accepted_at = $2, accepted_by = $3 WHERE id = $1",
            connection, transaction).With(invitationId).WithTime(member.JoinedAt).With(member.AccountId))
            await accept.ExecuteNonQueryAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(InsertMemberSql, connection, transaction))
            await WithMember(insert, member).ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return InvitationAcceptance.Done;
    }

    public async Task<(MemberWrite Result, TeamMemberRecord? Member)> TryChangeRoleAsync(string teamId, string accountId, TeamRole role,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockTeamAsync(connection, transaction, teamId, cancellationToken);
        var members = await MembersAsync(connection, transaction, teamId, cancellationToken);
        var member = members.FirstOrDefault(m => m.AccountId == accountId);
        if (member is null)
            return (MemberWrite.NotFound, null);
        if (member.Role == TeamRole.Owner && role != TeamRole.Owner && members.Count(m => m.Role == TeamRole.Owner) == 1)
            return (MemberWrite.LastOwner, null);
        var changed = member with { Role = role };
        await using (var update = new NpgsqlCommand("UPDATE ksq_keys.team_members SET role = $3 WHERE team_id = $1 AND account_id = $2",
            connection, transaction).With(teamId).With(accountId).With(role.ToApi()))
            await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (MemberWrite.Done, changed);
    }

    public async Task<MemberWrite> TryRemoveAsync(string teamId, string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockTeamAsync(connection, transaction, teamId, cancellationToken);
        var members = await MembersAsync(connection, transaction, teamId, cancellationToken);
        var member = members.FirstOrDefault(m => m.AccountId == accountId);
        if (member is null)
            return MemberWrite.NotFound;
        if (member.Role == TeamRole.Owner && members.Count(m => m.Role == TeamRole.Owner) == 1)
            return MemberWrite.LastOwner;
        await using (var delete = new NpgsqlCommand("DELETE FROM ksq_keys.team_members WHERE team_id = $1 AND account_id = $2",
            connection, transaction).With(teamId).With(accountId))
            await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MemberWrite.Done;
    }

    public async Task<IReadOnlyList<string>> TryDisbandAsync(IReadOnlyList<string> teamIds, string accountId, DateTimeOffset disbandedAt,
        DateTimeOffset purgeAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Locks in one order, so two disbands over overlapping teams cannot deadlock.
        foreach (var teamId in teamIds.Distinct().Order(StringComparer.Ordinal))
            await LockTeamAsync(connection, transaction, teamId, cancellationToken);
        var joined = new List<string>();
        foreach (var teamId in teamIds)
            if ((await MembersAsync(connection, transaction, teamId, cancellationToken)).Any(m => m.AccountId != accountId))
                joined.Add(teamId);
        if (joined.Count > 0)
            return joined;
        foreach (var sql in (string[])["DELETE FROM ksq_keys.team_members WHERE team_id = ANY($1)",
            "DELETE FROM ksq_keys.team_invitations WHERE team_id = ANY($1)", "DELETE FROM ksq_keys.teams WHERE id = ANY($1)"])
        {
            await using var delete = new NpgsqlCommand(sql, connection, transaction).WithTexts(teamIds);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var remember = new NpgsqlCommand(
            """
            INSERT INTO ksq_keys.disbanded_teams (id, disbanded_at, purge_at, disbanded_by) SELECT unnest($1::text[]), $2, $3, $4
            ON CONFLICT (id) DO UPDATE SET disbanded_at = excluded.disbanded_at, purge_at = excluded.purge_at,
                disbanded_by = excluded.disbanded_by
            """, connection, transaction).WithTexts(teamIds).WithTime(disbandedAt).WithTime(purgeAt).With(accountId))
            await remember.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    public Task<IReadOnlyList<DisbandedTeam>> ListDisbandedDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Pg.PurgesDueAsync(dataSource, "SELECT id, disbanded_at, purge_at FROM ksq_keys.disbanded_teams WHERE purge_at <= $1", now,
            (id, disbandedAt, purgeAt) => new DisbandedTeam(id, disbandedAt, purgeAt), cancellationToken);

    public async Task<IReadOnlyList<string>> DisbandedByAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM ksq_keys.disbanded_teams WHERE disbanded_by = $1").With(accountId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            ids.Add(reader.GetString(0));
        return ids;
    }

    public async Task ForgetDisbandedAsync(string teamId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM ksq_keys.disbanded_teams WHERE id = $1").With(teamId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string InsertMemberSql = $"INSERT INTO ksq_keys.team_members ({MemberColumns}) VALUES ($1, $2, $3, $4)";

    private static NpgsqlCommand WithMember(NpgsqlCommand command, TeamMemberRecord member) =>
        command.With(member.TeamId).With(member.AccountId).With(member.Role.ToApi()).WithTime(member.JoinedAt);

    private static Task LockTeamAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string teamId, CancellationToken cancellationToken) =>
        Pg.LockAsync(connection, transaction, "ksq_keys.teams:" + teamId, cancellationToken);

    private static async Task<TeamMemberRecord?> FindMemberAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string teamId, string accountId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {MemberColumns} FROM ksq_keys.team_members WHERE team_id = $1 AND account_id = $2",
            connection, transaction).With(teamId).With(accountId);
        return (await ReadMembersAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<List<TeamMemberRecord>> MembersAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string teamId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {MemberColumns} FROM ksq_keys.team_members WHERE team_id = $1 ORDER BY joined_at, account_id",
            connection, transaction).With(teamId);
        return await ReadMembersAsync(command, cancellationToken);
    }

    private static async Task<List<TeamMemberRecord>> ReadMembersAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var members = new List<TeamMemberRecord>();
        while (await reader.ReadAsync(cancellationToken))
            members.Add(new TeamMemberRecord(reader.GetString(0), reader.GetString(1), Role(reader.GetString(2)), reader.Time(3)));
        return members;
    }

    private static async Task<List<TeamInvitationRecord>> ReadInvitationsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var invitations = new List<TeamInvitationRecord>();
        while (await reader.ReadAsync(cancellationToken))
            invitations.Add(new TeamInvitationRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Role(reader.GetString(4)), reader.GetString(5), reader.GetString(6), reader.Time(7), reader.Time(8), reader.OptionalTime(9),
                reader.OptionalText(10)));
        return invitations;
    }

    private static TeamRole Role(string stored) =>
        TeamRoles.Parse(stored) ?? throw new InvalidDataException("A stored team member or invitation has an unknown role.");
}
