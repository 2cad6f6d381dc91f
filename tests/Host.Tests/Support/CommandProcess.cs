using System.Diagnostics;

namespace Host.Tests.Support;

/// <summary>Runs an operator command (<c>dotnet KsQuery.Host.dll accounts list ...</c>) as its own process on a data
/// directory, with the test sizes of <see cref="TestHost"/>: what an operator types, its exit code, stdout and stderr.</summary>
public static class CommandProcess
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    public static async Task<HostProcess.Exited> RunAsync(string dataDirectory, string? stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostProcess.HostDll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["KSQUERY_DATA"] = dataDirectory;
        start.Environment["KSQUERY_PLUGINS"] = Path.Combine(dataDirectory, "no-plugins");
        start.Environment["Plugins__kalp__Blocks"] = "240";
        start.Environment["Plugins__kalp__BlockIntervalSeconds"] = "0";
        start.Environment["Keys__Argon2__MemoryKiB"] = "1024";
        start.Environment["Keys__Argon2__Iterations"] = "1";
        start.Environment["Keys__Argon2__Parallelism"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        if (stdin is not null)
            await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new ShouldAssertException($"the command did not exit within {Bound}:\n{await stdout}\n{await stderr}");
        }
        return new HostProcess.Exited(process.ExitCode, await stdout, await stderr);
    }
}
