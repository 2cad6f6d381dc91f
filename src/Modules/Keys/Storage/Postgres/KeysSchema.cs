namespace KsQuery.Modules.Keys.Storage.Postgres;

/// <summary>The Keys module's PostgreSQL schema, <c>ksq_keys</c>: its migrations, step N being version N (append only).
/// Times are UTC ticks (<c>bigint</c>, 100 ns) as in the LiteDB store, so every value round-trips exactly. No foreign
/// keys: the LiteDB store has none, and the stores keep the same behaviour.</summary>
internal static class KeysSchema
{
    public const string Module = "keys";

    public static readonly string[] Steps =
    [
        """
        CREATE TABLE ksq_keys.accounts (
            id text PRIMARY KEY,
            email text NOT NULL,
            normalized_email text NOT NULL UNIQUE,
            password_hash text NOT NULL,
            created_at bigint NOT NULL,
            selection_chain text,
            selection_network text,
            selection_active_key_id text,
            disabled_at bigint);
        CREATE TABLE ksq_keys.deleted_accounts (
            id text PRIMARY KEY,
            deleted_at bigint NOT NULL,
            purge_at bigint NOT NULL);
        CREATE INDEX deleted_accounts_purge_at ON ksq_keys.deleted_accounts (purge_at);

        CREATE TABLE ksq_keys.api_keys (
            id text PRIMARY KEY,
            account_id text NOT NULL,
            team_id text,
            created_by text,
            name text NOT NULL,
            description text,
            chain text NOT NULL,
            network text NOT NULL,
            is_test boolean NOT NULL,
            display text NOT NULL,
            secret_hash text NOT NULL,
            secret_check int,
            recoverable boolean NOT NULL,
            protected_key text,
            created_at bigint NOT NULL,
            expires_at bigint,
            revoke_at bigint,
            revoked_at bigint,
            replaced_by text,
            rate_limit_per_second int NOT NULL,
            monthly_quota bigint,
            last_used_at bigint,
            restrict_ip_ranges text[],
            restrict_origins text[],
            restrict_user_agents text[],
            restrict_apis text[]);
        CREATE INDEX api_keys_account_id ON ksq_keys.api_keys (account_id);
        CREATE INDEX api_keys_expires_at ON ksq_keys.api_keys (expires_at);
        CREATE INDEX api_keys_revoke_at ON ksq_keys.api_keys (revoke_at);

        CREATE TABLE ksq_keys.teams (
            id text PRIMARY KEY,
            name text NOT NULL,
            created_by text NOT NULL,
            created_at bigint NOT NULL);
        CREATE TABLE ksq_keys.team_members (
            team_id text NOT NULL,
            account_id text NOT NULL,
            role text NOT NULL,
            joined_at bigint NOT NULL,
            PRIMARY KEY (team_id, account_id));
        CREATE INDEX team_members_account_id ON ksq_keys.team_members (account_id);
        CREATE TABLE ksq_keys.team_invitations (
            id text PRIMARY KEY,
            team_id text NOT NULL,
            email text NOT NULL,
            normalized_email text NOT NULL,
            role text NOT NULL,
            token_hash text NOT NULL UNIQUE,
            invited_by text NOT NULL,
            created_at bigint NOT NULL,
            expires_at bigint NOT NULL,
            accepted_at bigint,
            accepted_by text);
        CREATE INDEX team_invitations_team_id ON ksq_keys.team_invitations (team_id);

        CREATE TABLE ksq_keys.sessions (
            id text PRIMARY KEY,
            account_id text NOT NULL,
            created_at bigint NOT NULL,
            refreshed_at bigint NOT NULL,
            expires_at bigint NOT NULL,
            client_address text,
            user_agent text);
        CREATE INDEX sessions_account_id ON ksq_keys.sessions (account_id);
        CREATE INDEX sessions_expires_at ON ksq_keys.sessions (expires_at);
        CREATE TABLE ksq_keys.ended_sessions (
            id text PRIMARY KEY,
            account_id text NOT NULL,
            ended_at bigint NOT NULL,
            until bigint NOT NULL);
        CREATE INDEX ended_sessions_until ON ksq_keys.ended_sessions (until);

        CREATE TABLE ksq_keys.audit (
            sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at bigint NOT NULL,
            action text NOT NULL,
            actor_account_id text,
            actor_email text,
            key_id text,
            related_key_id text,
            team_id text,
            subject_account_id text,
            client_address text,
            user_agent text,
            before text,
            after text);
        CREATE INDEX audit_at ON ksq_keys.audit (at);
        CREATE INDEX audit_key_id ON ksq_keys.audit (key_id);
        CREATE INDEX audit_related_key_id ON ksq_keys.audit (related_key_id);
        CREATE INDEX audit_actor_account_id ON ksq_keys.audit (actor_account_id);
        CREATE INDEX audit_action ON ksq_keys.audit (action);

        CREATE TABLE ksq_keys.data_protection_keys (
            friendly_name text PRIMARY KEY,
            xml text NOT NULL);
        """,
        // 2: teams disbanded with their only member's account, remembered until their keys and usage are purged.
        """
        CREATE TABLE ksq_keys.disbanded_teams (
            id text PRIMARY KEY,
            disbanded_at bigint NOT NULL,
            purge_at bigint NOT NULL);
        CREATE INDEX disbanded_teams_purge_at ON ksq_keys.disbanded_teams (purge_at);
        """,
        // 3: which account's deletion disbanded the team, so a deletion retried after a failure still revokes its keys.
        """
        ALTER TABLE ksq_keys.disbanded_teams ADD COLUMN disbanded_by text;
        CREATE INDEX disbanded_teams_disbanded_by ON ksq_keys.disbanded_teams (disbanded_by);
        """,
    ];
}
