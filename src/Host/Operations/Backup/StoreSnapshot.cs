using LiteDB;

namespace KsQuery.Host.Operations.Backup;

/// <summary>A consistent copy of an open LiteDB file. LiteDB writes every commit to its log file (<c>-log.db</c>) and moves
/// pages into the data file only at a checkpoint: with automatic checkpoints off, one checkpoint (it waits for the open
/// transactions and holds them off while it runs) leaves a data file that stays as it is while it is copied; later commits
/// wait in the log. Calls keep being served meanwhile.</summary>
internal static class StoreSnapshot
{
    private static readonly Lock Gate = new();

    public static void Copy(ILiteDatabase database, string databaseFile, string destination)
    {
        lock (Gate)
        {
            var size = database.CheckpointSize;
            database.CheckpointSize = 0;
            try
            {
                database.Checkpoint();
                File.Copy(databaseFile, destination, overwrite: false);
            }
            finally
            {
                database.CheckpointSize = size;
            }
        }
    }
}
