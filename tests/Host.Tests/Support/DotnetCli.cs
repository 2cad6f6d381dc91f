using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Host.Tests.Support;

/// <summary>Runs the <c>dotnet</c> CLI as a plugin author would (pack, new, test), for the tests that start from the
/// packages. No build server or node is left behind (it would keep the output pipes open and outlive the test).</summary>
public static class DotnetCli
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    public static string RepositoryRoot
    {
        get
        {
            var metadata = typeof(DotnetCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
            return Path.GetFullPath(Path.Combine(metadata["TestPluginsRoot"]!, "..", ".."));
        }
    }

    public static string Configuration =>
        typeof(DotnetCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> in <paramref name="workingDirectory"/> and fails the test,
    /// with everything it printed, unless it exits with 0. A run still going after five minutes is killed (a hang guard).</summary>
    public static async Task RunAsync(string workingDirectory, IDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // What the test runner's own MSBuild set must not steer the author's build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var bound = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new ShouldAssertException($"dotnet {string.Join(' ', arguments)} did not finish within {Bound}:\n{output}");
        }
        lock (output)
            process.ExitCode.ShouldBe(0, $"dotnet {string.Join(' ', arguments)} in {workingDirectory}:\n{output}");
    }
}
