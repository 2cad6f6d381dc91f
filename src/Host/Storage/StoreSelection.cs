using KsQuery.Contracts.Storage.Postgres;
using KsQuery.Host.Startup;

namespace KsQuery.Host.Storage;

internal static class StoreSelection
{
    /// <summary>With <c>KSQUERY_STORE</c> set, registers the PostgreSQL data source the modules' stores use in place of
    /// LiteDB; unset, nothing (LiteDB, the default, registered by <see cref="DataDirectorySetup"/>).</summary>
    public static void AddSelectedStore(this WebApplicationBuilder builder)
    {
        if (PostgresStore.ConnectionString(builder.Configuration) is not { } connectionString)
            return;
        try
        {
            builder.Services.AddPostgresStore(connectionString);
        }
        catch (ArgumentException ex)
        {
            // Npgsql names the keyword or value it refused, never the whole string (which may hold a password).
            throw StartupFailure.Settings($"{PostgresStore.Setting} is not an Npgsql connection string: {ex.Message} " +
                "Set it to e.g. Host=db.internal;Database=ksquery;Username=ksquery;Password=..., or unset it for the LiteDB store.", ex);
        }
    }
}
