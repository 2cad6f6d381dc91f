namespace KsQuery.Modules.Keys.Audit;

/// <summary>The audit log's action names (stable, dotted, lower-case: clients filter on them).</summary>
public static class AuditActions
{
    public const string AccountCreated = "account.created";
    public const string AccountLogin = "account.login";
    public const string AccountLoginFailed = "account.login_failed";
    public const string AccountPasswordChanged = "account.password_changed";
    public const string AccountDeleted = "account.deleted";
    public const string AccountDisabled = "account.disabled";
    public const string AccountEnabled = "account.enabled";
    public const string SessionEnded = "session.ended";

    public const string KeyCreated = "key.created";
    public const string KeyEdited = "key.edited";
    public const string KeyRestrictionsChanged = "key.restrictions_changed";
    public const string KeyRolled = "key.rolled";
    public const string KeyRevealed = "key.revealed";
    public const string KeyRevoked = "key.revoked";
    public const string KeyExpired = "key.expired";

    public const string TeamCreated = "team.created";
    public const string TeamMemberInvited = "team.member_invited";
    public const string TeamInvitationAccepted = "team.invitation_accepted";
    public const string TeamMemberRoleChanged = "team.member_role_changed";
    public const string TeamMemberRemoved = "team.member_removed";

    /// <summary>Every action above: <c>GET /v1/audit?action=</c> accepts these. Add a new action here too.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        AccountCreated, AccountLogin, AccountLoginFailed, AccountPasswordChanged, AccountDeleted, AccountDisabled, AccountEnabled, SessionEnded,
        KeyCreated, KeyEdited, KeyRestrictionsChanged, KeyRolled, KeyRevealed, KeyRevoked, KeyExpired,
        TeamCreated, TeamMemberInvited, TeamInvitationAccepted, TeamMemberRoleChanged, TeamMemberRemoved,
    };
}
