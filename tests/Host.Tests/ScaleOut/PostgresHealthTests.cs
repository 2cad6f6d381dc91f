using System.Net;
using Host.Tests.Support;
using KsQuery.Tests.Postgres;
using Npgsql;

namespace Host.Tests.ScaleOut;

/// <summary>With <c>KSQUERY_STORE</c>, <c>/health/ready</c>'s store check covers PostgreSQL: an instance whose database no
/// longer accepts writes (e.g. a failover left it on a read-only replica) is taken out of the load balancer.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHealthTests(PostgresCluster cluster) : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [PostgresFact]
    public async Task An_instance_whose_database_accepts_no_writes_is_not_ready()
    {
        var store = await cluster.CreateDatabaseAsync();
        await using var host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?> { ["KSQUERY_STORE"] = store });
        var api = new ApiClient(host);
        var (ready, body, _) = await api.GetAsync("/health/ready");
        ready.ShouldBe(HttpStatusCode.OK, body.ToString());

        var database = new NpgsqlConnectionStringBuilder(store).Database!;
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var readOnly = new NpgsqlCommand($"ALTER DATABASE {database} SET default_transaction_read_only = on", admin);
            await readOnly.ExecuteNonQueryAsync();
            // Only new sessions take the setting: end the instance's pooled ones.
            await using var terminate = new NpgsqlCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'", admin);
            await terminate.ExecuteNonQueryAsync();
        }
        await api.GetAsync("/health/ready"); // may meet a pooled connection the server ended; the next check opens a new one

        (ready, body, _) = await api.GetAsync("/health/ready");
        ready.ShouldBe(HttpStatusCode.ServiceUnavailable, body.ToString());
        body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "store")
            .GetProperty("status").GetString().ShouldBe("unhealthy");
    }
}
