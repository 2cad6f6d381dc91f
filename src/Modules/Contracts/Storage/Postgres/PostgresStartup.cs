using Microsoft.Extensions.Hosting;
using Npgsql;

namespace KsQuery.Contracts.Storage.Postgres;

/// <summary>Resolves the data source when the host starts, so the migrations run (and an unreachable database stops the
/// start) before the first request rather than at it.</summary>
internal sealed class PostgresStartup(NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(dataSource);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
