using KsQuery.Plugins.Abstractions;
using ThrowingChain;

[assembly: ChainPlugin(typeof(ThrowingChainPlugin))]
[assembly: ChainPlugin(typeof(StartFailsPlugin))]
[assembly: ChainPlugin(typeof(CallFailsPlugin))]
[assembly: ChainPlugin(typeof(CheckFailsPlugin))]

namespace ThrowingChain;

/// <summary>A broken plugin for tests: its constructor throws, so loading it fails.</summary>
public sealed class ThrowingChainPlugin : IChainPlugin
{
    public ThrowingChainPlugin() => throw new InvalidOperationException("missing configuration file chain.toml");

    public ChainDescriptor Descriptor => throw new NotSupportedException();

    public ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) => ValueTask.FromResult(PluginHealth.Ok());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Loads, but throws when started: reported unhealthy, its APIs answer 503.</summary>
public sealed class StartFailsPlugin : IChainPlugin
{
    public ChainDescriptor Descriptor { get; } = new("start-fails", "Start Fails", PluginContract.Version,
        [new NetworkDescriptor("mainnet", "Main Net", false,
            [new ApiDescriptor("status", "Status", "Network", ApiMethod.Get, "status", "Never answers", [])])]);

    public ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the node at 10.0.0.7 refused the connection");

    public ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) => ValueTask.FromResult(PluginHealth.Ok());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Starts, then throws from every call and from its network health check (a bug): the caller gets a 500 without the
/// exception's text, <c>/v1/chains</c> and <c>/health</c> show the check failed without it, the others serve.</summary>
public sealed class CallFailsPlugin : IChainPlugin
{
    public ChainDescriptor Descriptor { get; } = new("call-fails", "Call Fails", PluginContract.Version,
        [new NetworkDescriptor("mainnet", "Main Net", false,
            [new ApiDescriptor("status", "Status", "Network", ApiMethod.Get, "status", "Throws", [])])]);

    public ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("secret connection string Password=hunter2");

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) => ValueTask.FromResult(PluginHealth.Ok());

    public ValueTask<PluginHealth> CheckNetworkHealthAsync(string networkId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("network check: secret connection string Password=hunter2");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Starts and serves, but its own health check throws (a bug): reported unhealthy without the exception's text.</summary>
public sealed class CheckFailsPlugin : IChainPlugin
{
    public ChainDescriptor Descriptor { get; } = new("check-fails", "Check Fails", PluginContract.Version,
        [new NetworkDescriptor("mainnet", "Main Net", false,
            [new ApiDescriptor("status", "Status", "Network", ApiMethod.Get, "status", "Never called", [])])]);

    public ValueTask StartAsync(PluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<ApiResult> ExecuteAsync(ApiCall call, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("plugin check: secret connection string Password=hunter2");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
