using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Storage.Postgres;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KsQuery.Modules.Keys.Configuration;

/// <summary>Keeps the Data Protection key ring in <c>&lt;data&gt;/dataprotection-keys</c> so access/refresh tokens and
/// recoverable keys survive a restart; with the PostgreSQL store selected, in its <c>ksq_keys.data_protection_keys</c>
/// table, shared by every instance. The data directory is only known once the container is built.</summary>
internal sealed class DataProtectionKeyRing(IServiceProvider services) : IConfigureOptions<KeyManagementOptions>
{
    public const string FolderName = "dataprotection-keys";

    public void Configure(KeyManagementOptions options)
    {
        if (options.XmlRepository is not null)
            return;
        if (services.GetService<NpgsqlDataSource>() is { } dataSource)
        {
            options.XmlRepository = new PostgresXmlRepository(dataSource);
            return;
        }
        if (services.GetService<DataDirectory>() is not { } data)
            return;
        var directory = new DirectoryInfo(data.File(FolderName));
        directory.Create();
        options.XmlRepository = new FileSystemXmlRepository(directory, services.GetRequiredService<ILoggerFactory>());
    }
}
