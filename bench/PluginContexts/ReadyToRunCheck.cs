using System.Reflection.PortableExecutable;

namespace Bench.PluginContexts;

/// <summary>Whether an assembly file carries ReadyToRun code: crossgen sets the CLI header's ManagedNativeHeader
/// directory (the READYTORUN_HEADER) and the IL_LIBRARY flag; an IL-only assembly has neither.</summary>
internal static class ReadyToRunCheck
{
    public static bool IsReadyToRun(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var cor = pe.PEHeaders.CorHeader;
        return cor is not null && cor.ManagedNativeHeaderDirectory.Size > 0 && (cor.Flags & CorFlags.ILLibrary) != 0;
    }

    /// <summary>One line per assembly of the plugin folder, the plugin's own first.</summary>
    public static IEnumerable<string> Describe(string pluginPath)
    {
        var folder = Path.GetDirectoryName(pluginPath)!;
        var files = Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal).ToList();
        files.Remove(pluginPath);
        files.Insert(0, pluginPath);
        foreach (var file in files)
            yield return $"{(IsReadyToRun(file) ? "ReadyToRun" : "IL only   ")}  {Path.GetFileName(file)} ({new FileInfo(file).Length / 1024} KiB)";
    }
}
