using System.Runtime.InteropServices;

namespace KsQuery.Host.Storage;

/// <summary>Files and directories this process creates are readable by their owner only (0600 / 0700 on Unix): the
/// store holds password and key hashes and key metadata, the key ring the keys that sign tokens. LiteDB and Data
/// Protection create their files themselves, so the process's file mode mask is set rather than each file's mode.</summary>
internal static partial class OwnerOnlyFiles
{
    private const uint GroupAndOthers = 0b000_111_111; // 077

    public static void Apply()
    {
        if (OperatingSystem.IsWindows())
            return;
        SetMask(GroupAndOthers);
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetMask(uint mask);
}
