using KsQuery.Host.Startup;
using LiteDB;

namespace KsQuery.Host.Storage.Migrations;

/// <summary>Versioned migrations of the stored documents, run when the store is opened, before anything reads it. The
/// store's version is LiteDB's <see cref="ILiteDatabase.UserVersion"/> (0 in a file of a release before versioning and in
/// a new file); every step above it runs in order and the version is recorded after each.</summary>
internal static class StoreMigrations
{
    /// <summary>In ascending order of version, one step per version. Add a step, never change a released one.</summary>
    public static readonly IReadOnlyList<StoreMigration> All =
    [
        // The documents as the release before versioning (main 28d6fde, issue 17) stores them: nothing to change; from here
        // on the store says which release's shape it holds, and a newer release's file is refused (below).
        new(1, "baseline: stored documents of the first versioned release", _ => { }),
    ];

    public static int Latest => All[^1].Version;

    /// <summary>Applies the steps above the store's version; answers the versions it applied. A store of a newer release
    /// (a version above the last step) is refused: this release may not read what that one wrote.</summary>
    public static IReadOnlyList<int> Apply(ILiteDatabase database, string file, IReadOnlyList<StoreMigration>? steps = null)
    {
        steps ??= All;
        var latest = steps.Count == 0 ? 0 : steps[^1].Version;
        var current = database.UserVersion;
        if (current > latest)
            throw StartupFailure.DataFile($"the store {file} is at version {current}, written by a newer release of KS Query (this one " +
                $"knows versions up to {latest}). It was left as it is. Run the newer release, or restore the backup taken before the upgrade.");

        var applied = new List<int>();
        var previous = 0;
        foreach (var step in steps)
        {
            if (step.Version != previous + 1)
                throw new InvalidOperationException($"Store migrations must be numbered 1, 2, 3, ...: {step.Version} follows {previous}.");
            previous = step.Version;
            if (step.Version <= current)
                continue;
            try
            {
                step.Apply(database);
            }
            catch (Exception ex) when (ex is LiteException or IOException or UnauthorizedAccessException)
            {
                throw StartupFailure.DataFile($"migrating the store {file} to version {step.Version} ({step.Description}) failed: {ex.Message} " +
                    $"It stays at version {database.UserVersion}; fix the cause and start again, or restore a backup.", ex);
            }
            database.UserVersion = step.Version;
            applied.Add(step.Version);
        }
        if (applied.Count > 0)
            database.Checkpoint();
        return applied;
    }
}
