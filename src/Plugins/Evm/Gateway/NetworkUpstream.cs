using System.Globalization;
using KsQuery.Plugins.Abstractions;

namespace KsQuery.Plugins.Evm.Gateway;

/// <summary>The upstream node of one configured network: its client, circuit state, and the outcome of the chain-id
/// check at start, which decides whether the network is served.</summary>
internal sealed class NetworkUpstream : IDisposable
{
    private readonly RpcCircuit _circuit;
    private readonly string _name;

    private NetworkUpstream(UpstreamSettings settings, RpcClient client, RpcCircuit circuit, string name)
    {
        Settings = settings;
        Client = client;
        _circuit = circuit;
        _name = name;
    }

    public UpstreamSettings Settings { get; }

    public RpcClient Client { get; }

    /// <summary>The chain id the network must have (and, once checked, the upstream has).</summary>
    public long ChainId => Settings.Network.ChainId;

    /// <summary>Null once the upstream answered the expected chain id at start; otherwise why the network is not served.</summary>
    public string? StartProblem { get; private set; } = "not checked yet";

    public bool IsAvailable => StartProblem is null;

    public static NetworkUpstream Create(EvmSettings settings, UpstreamSettings upstream, string chainId, PluginContext context)
    {
        var circuit = new RpcCircuit(context.Time);
        var name = $"{chainId}/{upstream.Network.Id} upstream at {upstream.Url.Host}";
        var client = new RpcClient(RpcHttp.Create(settings, upstream, chainId, context, circuit), upstream, settings.Timeout, context, circuit, name);
        if (upstream.Url.Scheme != Uri.UriSchemeHttps && !upstream.Url.IsLoopback)
            context.Log(PluginLogLevel.Warning, $"The {name} is reached over plain http: requests and any provider key travel unencrypted.");
        return new NetworkUpstream(upstream, client, circuit, name);
    }

    /// <summary>Asks eth_chainId once and compares it with the expected id; logs the outcome either way.</summary>
    public async Task CheckChainIdAsync(PluginContext context, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await Client.CallAsync("eth_chainId", cancellationToken);
            var actual = RpcRead.Int64(answer, "eth_chainId");
            if (actual != ChainId)
            {
                StartProblem = string.Create(CultureInfo.InvariantCulture, $"eth_chainId answered {actual}, expected {ChainId}");
                context.Log(PluginLogLevel.Error, $"The {_name} is the wrong chain: {StartProblem}. The network stays unavailable (coming soon); fix Plugins:...:Networks:{Settings.Network.Id}:RpcUrl and restart.");
                return;
            }
            StartProblem = null;
            context.Log(PluginLogLevel.Information, string.Create(CultureInfo.InvariantCulture, $"The {_name} serves chain id {actual}."));
        }
        catch (RpcFailure failure)
        {
            StartProblem = $"eth_chainId failed at start (expected {ChainId.ToString(CultureInfo.InvariantCulture)}): {failure.Error.Detail}";
            context.Log(PluginLogLevel.Warning, $"The {_name}: {StartProblem} The network stays unavailable (coming soon) until a restart.");
        }
    }

    /// <summary>From what is already known: never calls the upstream.</summary>
    public PluginHealth Health()
    {
        if (StartProblem is { } problem)
            return PluginHealth.Failing(problem);
        if (_circuit.OpenUntil is { } until)
            return PluginHealth.Failing($"upstream failing: circuit open until {until.ToString("O", CultureInfo.InvariantCulture)}");
        if (_circuit.LastFailure is { } failure)
            return PluginHealth.Failing($"upstream failing: {failure.What} at {failure.At.ToString("O", CultureInfo.InvariantCulture)}");
        return PluginHealth.Ok(string.Create(CultureInfo.InvariantCulture, $"upstream ok, chain id {ChainId}"));
    }

    public void Dispose() => Client.Dispose();
}
