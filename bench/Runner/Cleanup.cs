namespace Bench.Runner;

/// <summary>The end of every bench: its processes stopped (in the order given, the service last), its data directory removed.</summary>
internal static class Cleanup
{
    public static async Task StopAsync(string dataDirectory, params ServiceProcess?[] processes)
    {
        foreach (var process in processes)
        {
            if (process is not null)
                await process.DisposeAsync();
        }
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }
}
