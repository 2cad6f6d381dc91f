using System.Text.Json;
using System.Text.Json.Serialization;

namespace KsQuery.Host.Operations.Backup;

/// <summary>The first entry of a backup archive (<c>manifest.json</c>): what made it, when, and every file with its size and
/// SHA-256, so that <c>restore</c> can verify the archive before it writes anything.</summary>
internal sealed record BackupManifest(int Format, string Product, string Version, DateTimeOffset CreatedAt, string Mode,
    IReadOnlyList<BackupFile> Files)
{
    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";
    public const string ProductName = "KS Query";
}

internal sealed record BackupFile(string Path, long Size, string Sha256);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(BackupManifest))]
internal sealed partial class BackupJson : JsonSerializerContext;
