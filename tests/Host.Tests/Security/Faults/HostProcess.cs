using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Host.Tests.Security.Faults;

/// <summary>The real host as a process of its own (<c>dotnet KsQuery.Host.dll</c>, the copy built beside the tests) on a
/// port the system picks: the address is read from the host's "Now listening on" log line. <see cref="Kill"/> is a hard
/// kill (SIGKILL on Linux): no graceful stop, no last flush.</summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log;

    private HostProcess(Process process, ConcurrentQueue<string> log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }

    /// <summary>What the process wrote so far, for failure messages.</summary>
    public string Log => string.Join('\n', _log);

    public static async Task<HostProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        // The SDK tells test processes which dotnet runs them; "dotnet" from PATH otherwise.
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "KsQuery.Host.dll"));
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["KSQUERY_DATA"] = dataDirectory;
        info.Environment["KSQUERY_PLUGINS"] = Path.Combine(dataDirectory, "no-plugins");
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings)
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var log = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"The host exited with {process.ExitCode} before listening:\n{string.Join('\n', log)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            return new HostProcess(process, log, await listening.Task.WaitAsync(StartTimeout));
        }
        catch
        {
            if (!process.HasExited)
                process.Kill();
            process.Dispose();
            throw;
        }

        void Read(string? line)
        {
            if (line is null)
                return;
            log.Enqueue(line);
            if (ListeningOn().Match(line) is { Success: true } match)
                listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    // In a JSON log line the address is followed by a quote.
    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex ListeningOn();

    /// <summary>SIGKILL: the process gets no chance to stop.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as systemd or <c>docker stop</c> sends it; waits for the process to exit and answers its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan bound)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) } })!)
            await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(bound);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
