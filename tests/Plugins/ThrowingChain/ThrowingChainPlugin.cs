using KsQuery.Plugins.Abstractions;
using ThrowingChain;

[assembly: ChainPlugin(typeof(ThrowingChainPlugin))]

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
