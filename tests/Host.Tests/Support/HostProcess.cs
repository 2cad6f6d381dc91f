using System.Diagnostics;
using System.Reflection;

namespace Host.Tests.Support;

/// <summary>The real KS Query process (<c>dotnet KsQuery.Host.dll</c> from the host's build output), for what only a
/// process shows: its exit code and what it prints when the start fails.</summary>
public static class HostProcess
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static string HostDll
    {
        get
        {
            var metadata = typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
            var dll = Path.Combine(metadata["HostOutput"]!, "KsQuery.Host.dll");
            File.Exists(dll).ShouldBeTrue($"the host was not built at {dll}");
            return dll;
        }
    }

    /// <summary>Starts the host on <paramref name="dataDirectory"/> with the test sizes of <see cref="TestHost"/> and
    /// waits for it to exit by itself (a start that fails); a process still running after a minute is killed and fails the test.</summary>
    public static async Task<Exited> RunUntilExitAsync(string dataDirectory, IDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { HostDll },
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var all = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["KSQUERY_DATA"] = dataDirectory,
            ["KSQUERY_PLUGINS"] = Path.Combine(Path.GetTempPath(), "ksq-no-plugins"),
            ["Plugins__kalp__Blocks"] = "50",
            ["Keys__Argon2__MemoryKiB"] = "1024",
            ["Keys__Argon2__Iterations"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            all[key] = value;
        foreach (var (key, value) in all)
            start.Environment[key] = value;

        using var process = Process.Start(start)!;
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
            throw new ShouldAssertException($"the host did not exit within {Bound}:\n{await stdout}\n{await stderr}");
        }
        return new Exited(process.ExitCode, await stdout, await stderr);
    }

    public sealed record Exited(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;

        public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }
}

public static class ExitedAssertions
{
    private static readonly System.Text.RegularExpressions.Regex StackFrame = new(@"^\s+at \S+\(");

    /// <summary>The exit code of README, Exit codes (not an abort), one <c>KS Query did not start:</c> line naming
    /// <paramref name="named"/>, and no stack trace anywhere in the output.</summary>
    public static void ShouldBeOneClearLine(this HostProcess.Exited exited, int code, string named)
    {
        exited.ShouldExitWithOneLine(code, named);
        exited.Output.Split('\n').ShouldNotContain(line => StackFrame.IsMatch(line), exited.ToString());
    }

    /// <summary>As <see cref="ShouldBeOneClearLine"/>, but a library may have logged a stack trace of its own.</summary>
    public static void ShouldExitWithOneLine(this HostProcess.Exited exited, int code, string named)
    {
        exited.ExitCode.ShouldNotBe(134, exited.ToString());
        exited.ExitCode.ShouldBe(code, exited.ToString());
        exited.Output.ShouldNotContain("Unhandled exception", Case.Sensitive, exited.ToString());
        var lines = exited.Stderr.Split('\n').Where(l => l.StartsWith("KS Query did not start:")).ToList();
        lines.Count.ShouldBe(1, exited.ToString());
        lines[0].ShouldContain(named, Case.Sensitive, exited.ToString());
    }
}
