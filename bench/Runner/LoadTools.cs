using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Runner;

internal sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Non2xx);

/// <summary>Runs wrk (and ab for exact request counts) and parses what they print.</summary>
internal static partial class LoadTools
{
    public static async Task<LoadResult> WrkAsync(string url, string luaScript, int connections, int seconds)
    {
        var script = Path.GetTempFileName() + ".lua";
        await File.WriteAllTextAsync(script, luaScript);
        try
        {
            var output = await RunAsync("wrk", ["-t1", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, url]);
            return new LoadResult(
                Number(RequestsPerSecond(), output),
                Latency(output, "50%"),
                Latency(output, "99%"),
                (long)Number(TotalRequests(), output),
                NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>Sends exactly <paramref name="requests"/> requests; returns how many completed.</summary>
    public static async Task<long> ApacheBenchAsync(string url, string apiKey, int requests, int connections)
    {
        var output = await RunAsync("ab", ["-q", "-k", "-n", requests.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-H", $"X-Api-Key: {apiKey}", url]);
        return (long)Number(CompleteRequests(), output);
    }

    private static async Task<string> RunAsync(string tool, string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error}{output}");
        return output;
    }

    private static double Number(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"could not read '{pattern}' from:\n{output}");

    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
            throw new InvalidOperationException($"no {percentile} latency in:\n{output}");
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex TotalRequests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Complete requests:\s+(\d+)")]
    private static partial Regex CompleteRequests();
}
