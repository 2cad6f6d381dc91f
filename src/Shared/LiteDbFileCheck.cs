using System.Buffers.Binary;
using System.Text;

namespace KsQuery.Shared;

/// <summary>Tells whether an existing file is a whole LiteDB 5 data file before LiteDB opens it: LiteDB starts a new,
/// empty database over an empty, short or foreign file, which would silently replace what it held. Reads the header
/// page only (8 KiB), so it costs nothing at start. Linked into the host and the KALP DLT plugin.</summary>
internal static class LiteDbFileCheck
{
    private const int PageSize = 8192;
    private const int HeaderInfoOffset = 32;
    private const int FileVersionOffset = 59;
    private const int LastPageIdOffset = 64;
    private const byte FileVersion = 8;
    private const byte HeaderPageType = 1;
    private static readonly byte[] HeaderInfo = Encoding.ASCII.GetBytes("** This is a LiteDB file **");

    /// <summary>Null when <paramref name="path"/> does not exist (a new store is created) or holds a LiteDB data file
    /// whose header and length agree; otherwise what is wrong with it.</summary>
    public static string? Damage(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            return null;
        if (file.Length == 0)
            return "it is empty (0 bytes)";
        if (file.Length < PageSize)
            return $"it is {file.Length} bytes long, shorter than a LiteDB header page ({PageSize} bytes)";

        var header = new byte[PageSize];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            stream.ReadExactly(header);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != 0 || header[4] != HeaderPageType
            || !header.AsSpan(HeaderInfoOffset, HeaderInfo.Length).SequenceEqual(HeaderInfo))
            return "it does not start with a LiteDB header page";
        if (header[FileVersionOffset] != FileVersion)
            return $"it is a LiteDB file of format version {header[FileVersionOffset]}, not {FileVersion}";

        // Without a write-ahead log beside it, every page the header counts is in the file; with one, LiteDB replays
        // the log first and the file may legitimately lag behind until then.
        var lastPage = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(LastPageIdOffset));
        var pages = file.Length / PageSize;
        if (!File.Exists(LogFile(path)) && lastPage >= pages)
            return $"its header counts {lastPage + 1L} pages but the file holds {pages} (it was cut short)";
        return null;
    }

    /// <summary>LiteDB's write-ahead log beside <paramref name="path"/>: <c>name-log.ext</c>.</summary>
    public static string LogFile(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));
}
