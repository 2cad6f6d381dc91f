using KsQuery.Contracts.Storage.Postgres;
using KsQuery.Modules.Keys.Auth.Sessions;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Storage.Postgres;
using KsQuery.Tests.Postgres;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Keys.Tests.Auth;

/// <summary>Two instances' <see cref="EndedSessions"/> over one PostgreSQL store: a logout on one is refused by the other
/// within <see cref="EndedSessions.SharedRefreshInterval"/>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedEndedSessionsTests(PostgresCluster cluster)
{
    [PostgresFact]
    public async Task A_session_ended_on_one_instance_is_ended_on_the_other_within_the_refresh_interval()
    {
        await using var dataSource = NpgsqlDataSource.Create(await cluster.CreateDatabaseAsync());
        PostgresMigrations.Apply(dataSource, [new PostgresModuleMigrations(KeysSchema.Module, KeysSchema.Steps)]);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new KeysOptions());
        var a = new EndedSessions(new PostgresEndedSessionStore(dataSource), time, options);
        var b = new EndedSessions(new PostgresEndedSessionStore(dataSource), time, options);

        a.End("session-1", "acc_1");
        a.HasEnded("session-1").ShouldBeTrue();

        time.Advance(EndedSessions.SharedRefreshInterval - TimeSpan.FromTicks(1));
        b.Any.ShouldBeFalse("B read the store at its start, before the logout, and not since");
        time.Advance(TimeSpan.FromTicks(1));
        b.Any.ShouldBeTrue();
        b.HasEnded("session-1").ShouldBeTrue();
    }
}
