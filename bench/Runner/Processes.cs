using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bench.Runner;

/// <summary>A server process on loopback: started with `dotnet &lt;dll&gt;`, stopped with SIGTERM.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }
    public int Pid => _process.Id;

    public static ServiceProcess Start(string dll, IDictionary<string, string> environment)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", dll) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [{Path.GetFileNameWithoutExtension(dll)}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, $"http://127.0.0.1:{port}");
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200; returns the time since the process started.</summary>
    public async Task<TimeSpan> WaitUntilServingAsync(string path, TimeSpan timeout, string? apiKey = null)
    {
        using var http = new HttpClient { Timeout = timeout }; // a slow first answer is waited for, not cut off and asked again
        if (apiKey is not null)
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the process exited with {_process.ExitCode}");
            try
            {
                if ((await http.GetAsync(Url + path)).StatusCode == HttpStatusCode.OK)
                    return DateTime.Now - _process.StartTime;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { } // refused, or slower than 2 s under load
            await Task.Delay(5);
        }
        throw new TimeoutException($"{Url}{path} did not answer 200 within {timeout}");
    }

    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited)
            return;
        Process.Start("kill", ["-TERM", Pid.ToString()])?.WaitForExit();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
