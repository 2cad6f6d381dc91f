using System.CommandLine;
using KsQuery.Contracts.Http;
using KsQuery.Host.Operations.AdminChannel;
using KsQuery.Host.Operations.Backup;
using LiteDB;

namespace KsQuery.Host.Operations.Commands;

/// <summary><c>backup &lt;file&gt;</c> (online or offline) and <c>restore &lt;file&gt; [--force]</c> (service stopped).</summary>
internal static class BackupCommands
{
    public static Command Backup(OperatorCommands.Runner run)
    {
        var file = new Argument<FileInfo>("file") { Description = "The archive to write (tar.gz); it must not exist." };
        var backup = new Command("backup", "Write a consistent backup of the data directory (store, key ring, plugin data) to one archive, " +
            "while the service runs or not.") { file };
        backup.SetAction((parse, ct) => run.Session(parse, async (session, output, ct2) =>
        {
            CommandSession.RefuseOnPostgres(session.Services, "backup");
            var target = parse.GetValue(file)!.FullName;
            if (File.Exists(target))
                throw new CommandFailed(CommandExitCodes.Refused, $"{target} exists already: choose a new file name.");
            var partial = target + ".partial";
            try
            {
                await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    if (session.Online is { } online)
                        await online.DownloadAsync("/admin/backup", stream, ct2);
                    else
                        await BackupArchive.WriteAsync(session.Data, session.Services.GetRequiredService<ILiteDatabase>(), "offline", stream,
                            session.Services.GetRequiredService<TimeProvider>(), ct2);
                }
                var manifest = await VerifyAsync(partial, ct2);
                File.Move(partial, target);
                await output.WriteLineAsync($"backup written to {target}: {manifest.Files.Count} files, KS Query {manifest.Version}, " +
                    $"{manifest.CreatedAt:O} ({manifest.Mode}); verified");
            }
            finally
            {
                File.Delete(partial);
            }
        }, ct));
        return backup;
    }

    public static Command Restore(OperatorCommands.Runner run)
    {
        var file = new Argument<FileInfo>("file") { Description = "The archive written by backup." };
        var force = new Option<bool>("--force") { Description = "Replace a data directory that is not empty (its files are moved aside, not deleted)." };
        var restore = new Command("restore", "Restore a backup into the data directory of the settings; the service must be stopped. The " +
            "archive is verified (manifest, checksums, the store opens) before anything is written.") { file, force };
        restore.SetAction((parse, ct) => run.Build(parse, async (app, output, ct2) =>
        {
            CommandSession.RefuseOnPostgres(app.Services, "restore");
            var data = app.Services.GetRequiredService<DataDirectory>();
            var archive = parse.GetValue(file)!.FullName;
            using (var socket = await AdminChannelHost.TryConnectAsync(data, ct2))
                if (socket is not null)
                    throw new CommandFailed(CommandExitCodes.Refused, $"a KS Query service runs on {data.Path}: stop it, then restore.");
            // Checked before the lock is taken: a refused restore leaves the directory exactly as it was.
            var present = Directory.Exists(data.Path)
                ? Directory.EnumerateFileSystemEntries(data.Path).Select(Path.GetFileName).Where(n => n is not (ServiceLock.FileName or ".write-check")).ToList()
                : [];
            if (present.Count > 0 && !parse.GetValue(force))
                throw new CommandFailed(CommandExitCodes.Refused, $"the data directory {data.Path} is not empty ({present.Count} entries): " +
                    "restore into an empty one, or add --force to move its files aside.");
            string? movedAside = null;
            CommandSession.CreateOwnerOnly(data.Path);
            var staging = Path.Combine(Path.GetDirectoryName(data.Path)!, $".{Path.GetFileName(data.Path)}.restore-{Guid.NewGuid():N}");
            using (var held = ServiceLock.TryTake(data) ?? throw new CommandFailed(CommandExitCodes.Refused,
                       $"a KS Query service runs on {data.Path}: stop it, then restore."))
            {
                try
                {
                    CommandSession.CreateOwnerOnly(staging);
                    var manifest = await BackupArchive.ExtractVerifiedAsync(archive, staging, ct2);
                    if (present.Count > 0)
                        movedAside = $"{data.Path}.before-restore-{DateTime.UtcNow:yyyyMMddTHHmmssZ}";
                    held.Dispose();
                    if (movedAside is not null)
                        Directory.Move(data.Path, movedAside);
                    else
                        Directory.Delete(data.Path, recursive: true);
                    Directory.Move(staging, data.Path);
                    await output.WriteLineAsync($"restored {archive} into {data.Path}: {manifest.Files.Count} files, KS Query {manifest.Version}, " +
                        $"backup of {manifest.CreatedAt:O}" + (movedAside is null ? "" : $"; the previous files are in {movedAside}"));
                }
                finally
                {
                    if (Directory.Exists(staging))
                        Directory.Delete(staging, recursive: true);
                }
            }
        }, ct));
        return restore;
    }

    private static async Task<BackupManifest> VerifyAsync(string archive, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "ksquery-verify-" + Guid.NewGuid().ToString("N"));
        CommandSession.CreateOwnerOnly(scratch);
        try
        {
            return await BackupArchive.ExtractVerifiedAsync(archive, scratch, cancellationToken);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
