using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KsQuery.Contracts.Storage.Postgres;

/// <summary>The PostgreSQL store of a scaled-out deployment, selected by <c>KSQUERY_STORE</c> (an Npgsql connection string).
/// Unset or empty: LiteDB, the default, and nothing of PostgreSQL is registered.</summary>
public static class PostgresStore
{
    /// <summary>The setting (environment variable) holding the connection string.</summary>
    public const string Setting = "KSQUERY_STORE";

    public static string? ConnectionString(IConfiguration configuration) =>
        configuration[Setting] is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    public static bool IsSelected(IConfiguration configuration) => ConnectionString(configuration) is not null;

    /// <summary>Registers the one <see cref="NpgsqlDataSource"/> of the process. Its first resolution applies every module's
    /// pending migrations (<see cref="PostgresMigrations"/>), so no store reads a schema older than its code.</summary>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, string connectionString)
    {
        // Parsed now: a malformed connection string stops the start with Npgsql's message, before anything is built.
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        services.AddSingleton(sp =>
        {
            var dataSource = builder.Build();
            try
            {
                PostgresMigrations.Apply(dataSource, sp.GetServices<PostgresModuleMigrations>());
                return dataSource;
            }
            catch
            {
                dataSource.Dispose();
                throw;
            }
        });
        services.AddHostedService<PostgresStartup>();
        return services;
    }

    /// <summary>A module's ordered migration steps (schema <c>ksq_&lt;module&gt;</c>); step N is version N. Append only: a
    /// step once released is never edited.</summary>
    public static IServiceCollection AddPostgresMigrations(this IServiceCollection services, string module, params string[] steps)
    {
        services.AddSingleton(new PostgresModuleMigrations(module, steps));
        return services;
    }
}

/// <summary>One module's migrations: <paramref name="Steps"/>[0] is version 1. Each step runs with the module's schema
/// (<see cref="Schema"/>) first on the search path.</summary>
public sealed record PostgresModuleMigrations(string Module, IReadOnlyList<string> Steps)
{
    public string Schema => "ksq_" + Module;
}
