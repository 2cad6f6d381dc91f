using KsQuery.Contracts.Http;
using KsQuery.Host.Startup;
using KsQuery.Host.Storage.Migrations;
using KsQuery.Shared;
using LiteDB;

namespace KsQuery.Host.Storage;

internal static class DataDirectorySetup
{
    public const string DatabaseFile = "ksquery.db";

    /// <summary>Set by the operator's commands around a build that must neither create the data directory nor open its store
    /// (the running service holds it, or a restore is about to replace it): the host then gets an in-memory store. An
    /// <see cref="AsyncLocal{T}"/>, so only the build in that flow sees it.</summary>
    internal static readonly AsyncLocal<bool> WithoutStore = new();

    /// <summary>Creates the data directory (<c>KSQUERY_DATA</c>, default <c>./data</c>) readable by its owner only, checks
    /// that it can be written, and registers the one LiteDB file every module keeps its own collections in.</summary>
    public static DataDirectory AddDataDirectory(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["KSQUERY_DATA"];
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, Directory.GetCurrentDirectory());
        OwnerOnlyFiles.Apply();
        var data = new DataDirectory(path);
        builder.Services.AddSingleton(data);
        if (WithoutStore.Value)
        {
            builder.Services.AddSingleton<ILiteDatabase>(_ => new LiteDatabase(":memory:"));
            return data;
        }
        EnsureUsable(path);

        builder.Services.AddSingleton<ILiteDatabase>(_ => Open(data.File(DatabaseFile)));
        return data;
    }

    private static void EnsureUsable(string path)
    {
        if (File.Exists(path))
            throw StartupFailure.DataFile($"KSQUERY_DATA ({path}) is a file, not a directory. Point KSQUERY_DATA at a directory; it is created if missing.");
        try
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(path);
            else
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // A read-only directory or file system shows only at the first write, long after the start: write now.
            using var probe = new FileStream(Path.Combine(path, ".write-check"), FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            probe.WriteByte(0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw StartupFailure.DataFile($"the data directory {path} (KSQUERY_DATA) cannot be created or written: {ex.Message} " +
                "Give the user running KS Query write access to it, or point KSQUERY_DATA elsewhere.", ex);
        }
    }

    /// <summary>Opens the store, refusing a file that exists but is not a whole LiteDB file: LiteDB would start an empty
    /// store over it. The file is left exactly as it is. Then brings its documents up to this release (StoreMigrations).</summary>
    private static LiteDatabase Open(string file)
    {
        if (LiteDbFileCheck.Damage(file) is { } damage)
            throw Damaged(file, damage);
        LiteDatabase? database = null;
        try
        {
            database = new LiteDatabase(new ConnectionString { Filename = file, Connection = ConnectionType.Direct });
            _ = database.GetCollectionNames().ToList();
        }
        catch (Exception ex) when (ex is LiteException or IOException or UnauthorizedAccessException or InvalidCastException)
        {
            database?.Dispose();
            throw Damaged(file, $"LiteDB cannot read it ({ex.Message})", ex);
        }
        try
        {
            StoreMigrations.Apply(database, file);
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    private static StartupFailure Damaged(string file, string damage, Exception? inner = null) =>
        StartupFailure.DataFile($"the store {file} cannot be opened: {damage}. It was left as it is. Restore it from a backup " +
            "(stop KS Query, copy the backup over it), or move it away to start with an empty store.", inner);
}
