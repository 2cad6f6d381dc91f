using KsQuery.Contracts.Storage.Postgres;
using KsQuery.Tests.Postgres;
using Npgsql;

namespace Host.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationsTests(PostgresCluster cluster)
{
    private static readonly PostgresModuleMigrations Sample = new("sample",
    [
        "CREATE TABLE ksq_sample.items (id int PRIMARY KEY)",
        "ALTER TABLE ksq_sample.items ADD COLUMN name text NOT NULL DEFAULT ''",
    ]);

    [PostgresFact]
    public async Task Applies_each_step_once_in_its_module_schema_and_records_it()
    {
        await using var dataSource = NpgsqlDataSource.Create(await cluster.CreateDatabaseAsync());

        PostgresMigrations.Apply(dataSource, [Sample]);
        PostgresMigrations.Apply(dataSource, [Sample]); // a second start: nothing pending, nothing run again

        (await ScalarAsync<long>(dataSource, "SELECT count(*) FROM ksq_meta.migrations WHERE module = 'sample'")).ShouldBe(2);
        (await ScalarAsync<long>(dataSource,
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'ksq_sample' AND table_name = 'items'")).ShouldBe(2);
    }

    [PostgresFact]
    public async Task A_later_release_applies_only_its_new_steps()
    {
        await using var dataSource = NpgsqlDataSource.Create(await cluster.CreateDatabaseAsync());
        PostgresMigrations.Apply(dataSource, [Sample with { Steps = Sample.Steps.Take(1).ToArray() }]);
        await ExecuteAsync(dataSource, "INSERT INTO ksq_sample.items (id) VALUES (1)");

        PostgresMigrations.Apply(dataSource, [Sample]);

        (await ScalarAsync<string>(dataSource, "SELECT name FROM ksq_sample.items WHERE id = 1")).ShouldBe("");
        (await ScalarAsync<int>(dataSource, "SELECT max(version) FROM ksq_meta.migrations WHERE module = 'sample'")).ShouldBe(2);
    }

    [PostgresFact]
    public async Task Instances_starting_together_apply_each_step_once()
    {
        var connectionString = await cluster.CreateDatabaseAsync();
        var starts = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            using var dataSource = NpgsqlDataSource.Create(connectionString);
            PostgresMigrations.Apply(dataSource, [Sample]);
        })).ToArray();

        await Task.WhenAll(starts); // without the advisory lock, CREATE SCHEMA/TABLE and the version rows collide

        await using var check = NpgsqlDataSource.Create(connectionString);
        (await ScalarAsync<long>(check, "SELECT count(*) FROM ksq_meta.migrations")).ShouldBe(2);
    }

    [PostgresFact]
    public async Task A_failing_step_leaves_the_database_as_it_was()
    {
        await using var dataSource = NpgsqlDataSource.Create(await cluster.CreateDatabaseAsync());
        var broken = Sample with { Steps = [.. Sample.Steps, "ALTER TABLE ksq_sample.missing ADD COLUMN x int"] };

        Should.Throw<PostgresException>(() => PostgresMigrations.Apply(dataSource, [broken]));

        (await ScalarAsync<long>(dataSource,
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name IN ('ksq_meta', 'ksq_sample')")).ShouldBe(0);
    }

    [PostgresFact]
    public async Task A_schema_newer_than_the_release_is_refused()
    {
        await using var dataSource = NpgsqlDataSource.Create(await cluster.CreateDatabaseAsync());
        PostgresMigrations.Apply(dataSource, [Sample]);

        var refused = Should.Throw<InvalidOperationException>(() => PostgresMigrations.Apply(dataSource, [Sample with { Steps = Sample.Steps.Take(1).ToArray() }]));

        refused.Message.ShouldContain("ksq_sample is at version 2, newer than this release's 1");
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
