using KsQuery.Modules.Keys.Teams;
using LiteDB;

namespace KsQuery.Modules.Keys.Storage;

internal sealed class LiteDbTeamStore : ITeamStore
{
    public const string TeamsCollection = "keys_teams";
    public const string MembersCollection = "keys_team_members";
    public const string InvitationsCollection = "keys_team_invitations";
    public const string DisbandedCollection = "keys_disbanded_teams";

    private readonly ILiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _teams;
    private readonly ILiteCollection<BsonDocument> _members;
    private readonly ILiteCollection<BsonDocument> _invitations;
    private readonly LiteDbPurgeList _disbanded;

    // Serializes the owner-count checks with the writes they guard.
    private readonly Lock _writes = new();

    public LiteDbTeamStore(ILiteDatabase database)
    {
        _database = database;
        _teams = database.GetCollection(TeamsCollection);
        _members = database.GetCollection(MembersCollection);
        _members.EnsureIndex("teamId");
        _members.EnsureIndex("accountId");
        _invitations = database.GetCollection(InvitationsCollection);
        _invitations.EnsureIndex("teamId");
        _invitations.EnsureIndex("tokenHash", unique: true);
        _disbanded = new LiteDbPurgeList(database, DisbandedCollection, "disbandedAt");
    }

    public Task CreateAsync(TeamRecord team, TeamMemberRecord owner, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            InTransaction(() =>
            {
                _teams.Insert(new BsonDocument
                {
                    ["_id"] = team.Id,
                    ["name"] = team.Name,
                    ["createdBy"] = team.CreatedBy,
                    ["createdAt"] = Bson.Time(team.CreatedAt),
                });
                _members.Insert(ToDocument(owner));
            });
        }
        return Task.CompletedTask;
    }

    public Task<TeamRecord?> FindAsync(string teamId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var doc = _teams.FindById(teamId);
        // LiteDB's default collation ignores case; ids are case-sensitive.
        return Task.FromResult(doc is null || doc["_id"].AsString != teamId
            ? null
            : new TeamRecord(doc["_id"].AsString, doc["name"].AsString, doc["createdBy"].AsString, Bson.ReadTime(doc["createdAt"])));
    }

    public Task<TeamMemberRecord?> FindMemberAsync(string teamId, string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FindMember(teamId, accountId));
    }

    public Task<IReadOnlyList<TeamMemberRecord>> MembersAsync(string teamId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<TeamMemberRecord>>(Members(teamId));
    }

    public Task<IReadOnlyList<TeamMemberRecord>> MembershipsAsync(string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<TeamMemberRecord> memberships = _members.Find(Query.EQ("accountId", accountId))
            .Select(FromMemberDocument)
            .Where(m => m.AccountId == accountId)
            .ToList();
        return Task.FromResult(memberships);
    }

    public Task InsertInvitationAsync(TeamInvitationRecord invitation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _invitations.Insert(ToDocument(invitation));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TeamInvitationRecord>> InvitationsAsync(string teamId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<TeamInvitationRecord> invitations = _invitations.Find(Query.EQ("teamId", teamId))
            .Select(FromInvitationDocument)
            .Where(i => i.TeamId == teamId)
            .ToList();
        return Task.FromResult(invitations);
    }

    public Task<TeamInvitationRecord?> FindInvitationByTokenHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var invitation = _invitations.FindOne(Query.EQ("tokenHash", tokenHash)) is { } doc ? FromInvitationDocument(doc) : null;
        return Task.FromResult(invitation is not null && invitation.TokenHash == tokenHash ? invitation : null);
    }

    public Task<InvitationAcceptance> TryAcceptAsync(string invitationId, TeamMemberRecord member, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            if (_teams.FindById(member.TeamId) is null)
                return Task.FromResult(InvitationAcceptance.TeamGone);
            var doc = _invitations.FindById(invitationId);
            if (doc is null || !doc["acceptedAt"].IsNull)
                return Task.FromResult(InvitationAcceptance.AlreadyAccepted);
            if (FindMember(member.TeamId, member.AccountId) is not null)
                return Task.FromResult(InvitationAcceptance.AlreadyMember);
            doc["acceptedAt"] = Bson.Time(member.JoinedAt);
            doc["acceptedBy"] = member.AccountId;
            InTransaction(() =>
            {
                _invitations.Update(doc);
                _members.Insert(ToDocument(member));
            });
            return Task.FromResult(InvitationAcceptance.Done);
        }
    }

    public Task<(MemberWrite Result, TeamMemberRecord? Member)> TryChangeRoleAsync(string teamId, string accountId, TeamRole role,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            var member = FindMember(teamId, accountId);
            if (member is null)
                return Task.FromResult<(MemberWrite, TeamMemberRecord?)>((MemberWrite.NotFound, null));
            if (member.Role == TeamRole.Owner && role != TeamRole.Owner && OwnerCount(teamId) == 1)
                return Task.FromResult<(MemberWrite, TeamMemberRecord?)>((MemberWrite.LastOwner, null));
            var changed = member with { Role = role };
            _members.Update(ToDocument(changed));
            return Task.FromResult<(MemberWrite, TeamMemberRecord?)>((MemberWrite.Done, changed));
        }
    }

    public Task<MemberWrite> TryRemoveAsync(string teamId, string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            var member = FindMember(teamId, accountId);
            if (member is null)
                return Task.FromResult(MemberWrite.NotFound);
            if (member.Role == TeamRole.Owner && OwnerCount(teamId) == 1)
                return Task.FromResult(MemberWrite.LastOwner);
            _members.Delete(MemberId(teamId, accountId));
            return Task.FromResult(MemberWrite.Done);
        }
    }

    public Task<IReadOnlyList<string>> TryDisbandAsync(IReadOnlyList<string> teamIds, string accountId, DateTimeOffset disbandedAt,
        DateTimeOffset purgeAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            var joined = teamIds.Where(teamId => Members(teamId).Any(m => m.AccountId != accountId)).ToList();
            if (joined.Count > 0)
                return Task.FromResult<IReadOnlyList<string>>(joined);
            InTransaction(() =>
            {
                foreach (var teamId in teamIds)
                {
                    _members.DeleteMany(Query.EQ("teamId", teamId));
                    _invitations.DeleteMany(Query.EQ("teamId", teamId));
                    _teams.Delete(teamId);
                    _disbanded.Remember(teamId, disbandedAt, purgeAt, by: accountId);
                }
            });
            return Task.FromResult<IReadOnlyList<string>>([]);
        }
    }

    public Task<IReadOnlyList<DisbandedTeam>> ListDisbandedDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_disbanded.Due(now, (id, disbandedAt, purgeAt) => new DisbandedTeam(id, disbandedAt, purgeAt)));
    }

    public Task<IReadOnlyList<string>> DisbandedByAsync(string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_disbanded.By(accountId));
    }

    public Task ForgetDisbandedAsync(string teamId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
            _disbanded.Forget(teamId);
        return Task.CompletedTask;
    }

    private void InTransaction(Action write)
    {
        // LiteDB transactions are per thread; callers hold the lock and stay synchronous.
        _database.BeginTrans();
        try
        {
            write();
            _database.Commit();
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }

    private TeamMemberRecord? FindMember(string teamId, string accountId)
    {
        var doc = _members.FindById(MemberId(teamId, accountId));
        var member = doc is null ? null : FromMemberDocument(doc);
        return member is not null && member.TeamId == teamId && member.AccountId == accountId ? member : null;
    }

    private List<TeamMemberRecord> Members(string teamId) =>
        _members.Find(Query.EQ("teamId", teamId)).Select(FromMemberDocument).Where(m => m.TeamId == teamId).ToList();

    private int OwnerCount(string teamId) => Members(teamId).Count(m => m.Role == TeamRole.Owner);

    private static string MemberId(string teamId, string accountId) => teamId + "/" + accountId;

    private static BsonDocument ToDocument(TeamMemberRecord member) => new()
    {
        ["_id"] = MemberId(member.TeamId, member.AccountId),
        ["teamId"] = member.TeamId,
        ["accountId"] = member.AccountId,
        ["role"] = member.Role.ToApi(),
        ["joinedAt"] = Bson.Time(member.JoinedAt),
    };

    private static TeamMemberRecord FromMemberDocument(BsonDocument doc) => new(
        doc["teamId"].AsString,
        doc["accountId"].AsString,
        TeamRoles.Parse(doc["role"].AsString) ?? throw new InvalidDataException("A stored team member has an unknown role."),
        Bson.ReadTime(doc["joinedAt"]));

    private static BsonDocument ToDocument(TeamInvitationRecord invitation) => new()
    {
        ["_id"] = invitation.Id,
        ["teamId"] = invitation.TeamId,
        ["email"] = invitation.Email,
        ["normalizedEmail"] = invitation.NormalizedEmail,
        ["role"] = invitation.Role.ToApi(),
        ["tokenHash"] = invitation.TokenHash,
        ["invitedBy"] = invitation.InvitedBy,
        ["createdAt"] = Bson.Time(invitation.CreatedAt),
        ["expiresAt"] = Bson.Time(invitation.ExpiresAt),
        ["acceptedAt"] = Bson.Time(invitation.AcceptedAt),
        ["acceptedBy"] = Bson.Text(invitation.AcceptedBy),
    };

    private static TeamInvitationRecord FromInvitationDocument(BsonDocument doc) => new(
        doc["_id"].AsString,
        doc["teamId"].AsString,
        doc["email"].AsString,
        doc["normalizedEmail"].AsString,
        TeamRoles.Parse(doc["role"].AsString) ?? throw new InvalidDataException("A stored invitation has an unknown role."),
        doc["tokenHash"].AsString,
        doc["invitedBy"].AsString,
        Bson.ReadTime(doc["createdAt"]),
        Bson.ReadTime(doc["expiresAt"]),
        Bson.ReadOptionalTime(doc["acceptedAt"]),
        Bson.ReadOptionalText(doc["acceptedBy"]));
}
