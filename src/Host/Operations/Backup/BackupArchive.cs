using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using KsQuery.Contracts.Http;
using KsQuery.Host.Storage;
using LiteDB;
using KsQuery.Shared;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace KsQuery.Host.Operations.Backup;

/// <summary>Writes and verifies backup archives: a tar.gz of the data directory (the store as a consistent snapshot, the
/// Data Protection key ring, plugin data, every other file) led by a <see cref="BackupManifest"/>.</summary>
internal static class BackupArchive
{
    // Files of a running service that are not data: the store's log (folded into the snapshot), the admin socket, locks.
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "ksquery-log.db", AdminChannel.AdminChannelHost.SocketName, ServiceLock.FileName, ".write-check",
    };

    private const string StagingPrefix = ".backup-";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string Version => typeof(BackupArchive).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BackupArchive).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Writes the archive of <paramref name="data"/> to <paramref name="output"/>; <paramref name="database"/> is the
    /// open store (the service's, or one the offline command opened).</summary>
    public static async Task WriteAsync(DataDirectory data, ILiteDatabase database, string mode, Stream output, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var staging = Directory.CreateDirectory(Path.Combine(data.Path, StagingPrefix + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            StoreSnapshot.Copy(database, data.File(DataDirectorySetup.DatabaseFile), Path.Combine(staging, DataDirectorySetup.DatabaseFile));
            var files = new List<(string Relative, string Source)> { (DataDirectorySetup.DatabaseFile, Path.Combine(staging, DataDirectorySetup.DatabaseFile)) };
            foreach (var file in Directory.EnumerateFiles(data.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(data.Path, file).Replace('\\', '/');
                var top = relative.Split('/')[0];
                if (relative == DataDirectorySetup.DatabaseFile || Skipped.Contains(relative) || top.StartsWith(StagingPrefix, StringComparison.Ordinal)
                    || (File.GetAttributes(file) & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0)
                    continue;
                var copy = Path.Combine(staging, "files", relative);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
                files.Add((relative, copy));
            }

            var listed = new List<BackupFile>();
            foreach (var (relative, source) in files)
                listed.Add(new BackupFile(relative, new FileInfo(source).Length, await Sha256Async(source, cancellationToken)));
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, BackupManifest.ProductName, Version, time.GetUtcNow(), mode, listed);

            await using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
            await using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
            var manifestEntry = new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.FileName)
            {
                DataStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, BackupJson.Default.BackupManifest)),
                Mode = OwnerOnly,
            };
            await tar.WriteEntryAsync(manifestEntry, cancellationToken);
            foreach (var (relative, source) in files)
            {
                await using var content = File.OpenRead(source);
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, relative) { DataStream = content, Mode = OwnerOnly }, cancellationToken);
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Extracts <paramref name="archive"/> into the new directory <paramref name="target"/> and verifies it: the
    /// manifest first, only files it lists (no absolute path, no <c>..</c>, no links), each with its size and SHA-256, all of
    /// them, and a store LiteDB opens. Throws <see cref="BackupRejected"/> with the reason.</summary>
    public static async Task<BackupManifest> ExtractVerifiedAsync(string archive, string target, CancellationToken cancellationToken)
    {
        if (!File.Exists(archive))
            throw new BackupRejected($"{archive} does not exist.");
        BackupManifest? manifest = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var file = File.OpenRead(archive);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (manifest is null)
                {
                    if (entry.Name != BackupManifest.FileName || entry.DataStream is null)
                        throw new BackupRejected($"the archive does not start with {BackupManifest.FileName}: it is not a KS Query backup.");
                    manifest = await JsonSerializer.DeserializeAsync(entry.DataStream, BackupJson.Default.BackupManifest, cancellationToken);
                    if (manifest is null || manifest.Product != BackupManifest.ProductName || manifest.Files is null)
                        throw new BackupRejected("the manifest is not a KS Query backup manifest.");
                    if (manifest.Format != BackupManifest.CurrentFormat)
                        throw new BackupRejected($"the archive's format {manifest.Format} is not known to this version (it reads {BackupManifest.CurrentFormat}).");
                    continue;
                }
                var listed = manifest.Files.FirstOrDefault(f => f.Path == entry.Name)
                    ?? throw new BackupRejected($"the archive holds {entry.Name}, which its manifest does not list.");
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !IsSafe(entry.Name) || !seen.Add(entry.Name))
                    throw new BackupRejected($"the archive's entry {entry.Name} is not a plain file inside the data directory.");
                var destination = Path.Combine(target, entry.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                await using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write))
                    if (entry.DataStream is not null)
                        await entry.DataStream.CopyToAsync(output, cancellationToken);
                if (new FileInfo(destination).Length != listed.Size || await Sha256Async(destination, cancellationToken) != listed.Sha256)
                    throw new BackupRejected($"{entry.Name} does not match its checksum in the manifest: the archive is damaged.");
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or EndOfStreamException or FormatException)
        {
            throw new BackupRejected($"the archive cannot be read ({ex.Message}): it is damaged or not a KS Query backup.");
        }
        if (manifest is null)
            throw new BackupRejected("the archive is empty.");
        if (manifest.Files.FirstOrDefault(f => !seen.Contains(f.Path)) is { } missing)
            throw new BackupRejected($"the archive lacks {missing.Path}, which its manifest lists: it is incomplete.");
        VerifyStore(Path.Combine(target, DataDirectorySetup.DatabaseFile));
        return manifest;
    }

    private static void VerifyStore(string file)
    {
        if (!File.Exists(file))
            throw new BackupRejected($"the archive holds no {DataDirectorySetup.DatabaseFile}.");
        if (LiteDbFileCheck.Damage(file) is { } damage)
            throw new BackupRejected($"its store cannot be opened: {damage}.");
        try
        {
            using var database = new LiteDatabase(new ConnectionString { Filename = file, Connection = ConnectionType.Direct, ReadOnly = true });
            foreach (var name in database.GetCollectionNames().ToList())
                _ = database.GetCollection(name).Count();
        }
        catch (Exception ex) when (ex is LiteException or IOException or InvalidCastException)
        {
            throw new BackupRejected($"its store cannot be read by LiteDB ({ex.Message}).");
        }
    }

    private static bool IsSafe(string name) =>
        !string.IsNullOrEmpty(name) && !Path.IsPathRooted(name) && !name.Contains('\\', StringComparison.Ordinal)
        && name.Split('/').All(part => part is not ("" or "." or ".."));

    private static async Task<string> Sha256Async(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}

/// <summary>A backup archive that fails verification; the message says why in one line.</summary>
internal sealed class BackupRejected(string message) : Exception(message);
