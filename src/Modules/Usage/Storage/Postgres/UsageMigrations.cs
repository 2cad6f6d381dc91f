namespace KsQuery.Modules.Usage.Storage.Postgres;

/// <summary>The Usage module's PostgreSQL schema <c>ksq_usage</c>, step N being version N. Append only: a step once
/// released is never edited.</summary>
internal static class UsageMigrations
{
    public const string Module = "usage";

    public static readonly string[] Steps =
    [
        // 1: buckets are kept per writing instance (each adds only to its own rows, reads sum them); rolled-up hour and day
        // buckets belong to the instance '*'. Histograms are added slot by slot (the longer one keeps its tail).
        """
        CREATE FUNCTION add_histograms(a bigint[], b bigint[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $$
            SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i), '{}')
            FROM unnest(coalesce(a, '{}'), coalesce(b, '{}')) WITH ORDINALITY AS t(x, y, i) $$;
        CREATE TABLE buckets (
            instance text NOT NULL,
            id text NOT NULL,
            key_id text NOT NULL,
            account_id text NOT NULL,
            chain text NOT NULL,
            network text NOT NULL,
            api_id text NOT NULL,
            status int NOT NULL,
            code text NOT NULL,
            minute timestamptz NOT NULL,
            span smallint NULL,
            requests bigint NOT NULL,
            total_ms double precision NOT NULL,
            max_ms double precision NOT NULL,
            last_at timestamptz NOT NULL,
            last_used_at timestamptz NULL,
            histogram bigint[] NOT NULL,
            PRIMARY KEY (instance, id));
        CREATE INDEX buckets_key ON buckets (key_id, minute);
        CREATE INDEX buckets_account ON buckets (account_id, minute);
        CREATE INDEX buckets_minute ON buckets (minute) WHERE span IS DISTINCT FROM 2;
        CREATE TABLE rejections (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL,
            account_id text NOT NULL,
            key_id text NOT NULL,
            display text NOT NULL,
            code text NOT NULL,
            status int NOT NULL,
            ip text NULL,
            user_agent text NULL,
            method text NOT NULL,
            path text NOT NULL,
            restriction text NULL);
        CREATE INDEX rejections_account ON rejections (account_id, at);
        CREATE INDEX rejections_key ON rejections (key_id, at);
        CREATE INDEX rejections_at ON rejections (at);
        CREATE TABLE alerts (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL,
            account_id text NOT NULL,
            key_id text NOT NULL,
            kind text NOT NULL,
            detail text NOT NULL,
            client_address text NULL,
            user_agent text NULL,
            rejections bigint NULL,
            baseline_per_minute double precision NULL);
        CREATE INDEX alerts_account ON alerts (account_id, at);
        CREATE INDEX alerts_key ON alerts (key_id);
        CREATE TABLE addresses (
            key_id text NOT NULL,
            address text NOT NULL,
            first_seen timestamptz NOT NULL,
            PRIMARY KEY (key_id, address));
        """,
        // 2: the counts instances exchange for rate limits (per key and UTC second; unlogged: worthless after a second) and
        // monthly quotas (per key and UTC month), and the instances seen exchanging them.
        """
        CREATE UNLOGGED TABLE rate_counts (
            key_id text NOT NULL,
            second bigint NOT NULL,
            used bigint NOT NULL,
            PRIMARY KEY (key_id, second));
        CREATE TABLE quota_counts (
            key_id text NOT NULL,
            month timestamptz NOT NULL,
            used bigint NOT NULL,
            PRIMARY KEY (key_id, month));
        CREATE UNLOGGED TABLE limit_instances (
            instance text PRIMARY KEY,
            seen_at timestamptz NOT NULL);
        """,
    ];
}
