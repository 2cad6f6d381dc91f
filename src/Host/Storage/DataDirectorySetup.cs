using KsQuery.Contracts.Http;
using LiteDB;

namespace KsQuery.Host.Storage;

internal static class DataDirectorySetup
{
    public const string DatabaseFile = "ksquery.db";

    /// <summary>Creates the data directory (<c>KSQUERY_DATA</c>, default <c>./data</c>) and registers the
    /// one LiteDB file every module keeps its own collections in.</summary>
    public static DataDirectory AddDataDirectory(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["KSQUERY_DATA"];
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, Directory.GetCurrentDirectory());
        Directory.CreateDirectory(path);
        var data = new DataDirectory(path);

        builder.Services.AddSingleton(data);
        builder.Services.AddSingleton<ILiteDatabase>(_ => new LiteDatabase(new ConnectionString
        {
            Filename = data.File(DatabaseFile),
            Connection = ConnectionType.Direct,
        }));
        return data;
    }
}
