using KsQuery.Plugins.Abstractions;
using KsQuery.Plugins.KalpDlt.Apis;

namespace KsQuery.Plugins.KalpDlt.Gateway;

/// <summary>The Kalp gateway source of a network: its HTTP client, circuit state and executor.</summary>
internal sealed class KalpGateway : IDisposable
{
    private readonly KalpGatewayClient _client;
    private readonly GatewayCircuit _circuit;
    private readonly string _host;

    private KalpGateway(KalpGatewayClient client, GatewayCircuit circuit, IApiExecutor executor, string host)
    {
        _client = client;
        _circuit = circuit;
        Executor = executor;
        _host = host;
    }

    public IApiExecutor Executor { get; }

    public static KalpGateway Create(PluginContext context, GatewaySettings settings, IReadOnlySet<string> catalogApiIds)
    {
        var circuit = new GatewayCircuit(context.Time);
        var client = new KalpGatewayClient(GatewayHttp.Create(settings, context, circuit), settings, context.Log);
        var host = settings.BaseUrl.Host;
        if (settings.BaseUrl.Scheme != Uri.UriSchemeHttps && !settings.BaseUrl.IsLoopback)
        {
            context.Log(PluginLogLevel.Warning, $"The Kalp gateway at {host} is reached over plain http: the upstream key travels unencrypted.");
        }
        if (settings.WalletAddress is null)
        {
            context.Log(PluginLogLevel.Warning, "No default WalletAddress for the Kalp gateway: 'token' answers 501 and contract queries need a walletAddress.");
        }
        context.Log(PluginLogLevel.Information, $"Serving contract-query, token and balance from the Kalp gateway at {host}; the rest of the catalog answers 501.");
        return new KalpGateway(client, circuit, new GatewayApiExecutor(new GatewayApis(client, settings), catalogApiIds), host);
    }

    public PluginHealth Health() => _circuit.OpenUntil is { } until
        ? PluginHealth.Failing($"Kalp gateway at {_host} is failing; circuit open until {until:O}")
        : PluginHealth.Ok($"Kalp gateway at {_host}");

    public void Dispose() => _client.Dispose();
}
