using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Evm.Anvil.Tests.Support;

/// <summary>One Anvil process on loopback with a chain id of the test's choosing: the OS picks the port (<c>--port 0</c>,
/// read back from Anvil's "Listening on" line), the chain is deterministic (anvil's default mnemonic, a fixed genesis
/// timestamp, a block mined per transaction), and the process is killed on dispose.</summary>
public sealed partial class AnvilNode : IAsyncDisposable
{
    /// <summary>Anvil's well-known default mnemonic, stated so the accounts never depend on a default changing.</summary>
    public const string Mnemonic = "test test test test test test test test test test test junk";
    public const long GenesisTimestamp = 1_700_000_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int ReadinessAttempts = 50;

    private readonly Process _process;
    private readonly List<string> _output = [];

    private AnvilNode(Process process, long chainId)
    {
        _process = process;
        ChainId = chainId;
    }

    public long ChainId { get; }
    public Uri Url { get; private set; } = null!;
    public JsonRpcClient Rpc { get; private set; } = null!;

    /// <summary>The first lines Anvil printed (and its exit code if it stopped), for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return string.Join('\n', _output.TakeLast(40));
        }
    }

    public static async Task<AnvilNode> StartAsync(long chainId, CancellationToken cancellationToken = default)
    {
        var executable = Anvil.ExecutablePath ?? throw new InvalidOperationException(Anvil.MissingButRequired);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--host", "127.0.0.1", "--port", "0", "--chain-id", chainId.ToString(),
                     "--mnemonic", Mnemonic, "--timestamp", GenesisTimestamp.ToString(), "--accounts", "5",
                 })
            start.ArgumentList.Add(argument);

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new AnvilNode(process, chainId);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data, listening);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data, listening);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"anvil exited before listening:\n{node.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            node.Url = await listening.Task.WaitAsync(StartTimeout, cancellationToken);
            node.Rpc = new JsonRpcClient(node.Url);
            await node.WaitUntilAnsweringAsync(cancellationToken);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    private void OnLine(string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
            return;
        lock (_output)
            if (_output.Count < 400)
                _output.Add(line);
        if (ListeningLine().Match(line) is { Success: true } match)
            listening.TrySetResult(new Uri($"http://{match.Groups[1].Value}"));
    }

    /// <summary>Anvil prints "Listening on" once bound; the RPC is polled until it answers the chain id, a bounded
    /// number of attempts (each one a request that returns at once on a refused connection).</summary>
    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < ReadinessAttempts; attempt++)
        {
            try
            {
                var chainId = Hex.ToLong(await Rpc.CallAsync("eth_chainId", [], cancellationToken));
                chainId.ShouldBe(ChainId, "anvil answered another chain id than it was started with");
                return;
            }
            catch (HttpRequestException e)
            {
                last = e;
                await Task.Yield();
            }
        }
        throw new InvalidOperationException($"anvil at {Url} did not answer eth_chainId after {ReadinessAttempts} attempts:\n{Output}", last);
    }

    public async ValueTask DisposeAsync()
    {
        Rpc?.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            }
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Listening on (127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
