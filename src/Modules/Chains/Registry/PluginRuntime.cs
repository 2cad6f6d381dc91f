using System.Collections.Concurrent;
using KsQuery.Contracts.Http;
using KsQuery.Plugins.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KsQuery.Modules.Chains.Registry;

/// <summary>Starts every loaded plugin with its own data directory and settings, remembers which failed,
/// and disposes them at shutdown. A plugin that fails to start is reported unhealthy; the rest serve. The exception is
/// an invalid setting of a built-in plugin (<see cref="PluginSettingsException"/>): it stops the start, as the host's own
/// settings do.</summary>
internal sealed class PluginRuntime(
    PluginSet plugins,
    ChainRegistry registry,
    DataDirectory data,
    IConfiguration configuration,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IChainHealth, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, string> _startFailures = new();
    private readonly ConcurrentDictionary<string, bool> _started = new();
    private int _stopped;

    public bool IsStarted(string chainId) => _started.ContainsKey(chainId);

    private readonly ConcurrentDictionary<string, bool> _comingSoon = new(StringComparer.Ordinal);

    /// <summary>False for a network its plugin listed as coming soon at start (<see cref="IChainPlugin.IsNetworkAvailable"/>).</summary>
    public bool IsNetworkAvailable(string chainId, string networkId) => _comingSoon.IsEmpty || !_comingSoon.ContainsKey($"{chainId}/{networkId}");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var loaded in plugins.Plugins)
        {
            var id = loaded.Plugin.Descriptor.Id;
            var logger = loggers.CreateLogger($"KsQuery.Plugins.{id}");
            var directory = Path.Combine(data.Path, "plugins", id);
            Directory.CreateDirectory(directory);
            var settings = configuration.GetSection($"Plugins:{id}").AsEnumerable(makePathsRelative: true)
                .Where(kv => kv.Value is not null)
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
            var context = new PluginContext(directory, settings, time, (level, message) => logger.Log(Map(level), "{Message}", message));
            try
            {
                await loaded.Plugin.StartAsync(context, cancellationToken);
                foreach (var network in loaded.Plugin.Descriptor.Networks)
                    if (!loaded.Plugin.IsNetworkAvailable(network.Id))
                    {
                        registry.MarkComingSoon(id, network.Id);
                        _comingSoon[$"{id}/{network.Id}"] = true;
                        logger.LogInformation("Chain plugin {Chain} lists network {Network} as coming soon", id, network.Id);
                    }
                _started[id] = true;
            }
            catch (PluginSettingsException invalid)
            {
                var setting = new PluginSettingsException($"Plugins:{id}:{invalid.Key}", invalid.Problem);
                if (loaded.IsBuiltIn)
                    throw setting;
                _startFailures[id] = $"invalid setting: {setting.Message}";
                logger.LogError("Chain plugin {Chain} failed to start, invalid setting: {Setting}; its APIs answer 503", id, setting.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _startFailures[id] = ex.Message;
                logger.LogError(ex, "Chain plugin {Chain} failed to start; its APIs answer 503", id);
            }
        }
    }

    // Plugins stop with the host (after the web server and Wolverine, which were registered later), so their files are
    // closed by the time StopAsync of the host returns; disposal only covers a host that was never stopped.
    public Task StopAsync(CancellationToken cancellationToken) => StopPluginsAsync().AsTask();

    public ValueTask DisposeAsync() => StopPluginsAsync();

    // A container disposed synchronously (some test hosts do) would otherwise skip IAsyncDisposable-only services and
    // leave the plugins' files to the finalizer.
    public void Dispose() => StopPluginsAsync().AsTask().GetAwaiter().GetResult();

    private async ValueTask StopPluginsAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        foreach (var loaded in plugins.Plugins)
        {
            try { await loaded.Plugin.DisposeAsync(); }
            catch (Exception) { /* shutting down: a plugin's failure to dispose must not stop the others */ }
        }
    }

    public async Task<IReadOnlyList<PluginHealthReport>> CheckAsync(CancellationToken cancellationToken)
    {
        var required = RequiredPlugins.Folders(configuration);
        var reports = new List<PluginHealthReport>();
        foreach (var loaded in plugins.Plugins)
        {
            var id = loaded.Plugin.Descriptor.Id;
            var isRequired = required.Contains(loaded.Folder);
            if (_startFailures.TryGetValue(id, out var failure))
            {
                reports.Add(new PluginHealthReport(id, false, $"failed to start: {failure}", isRequired));
                continue;
            }
            try
            {
                var health = await loaded.Plugin.CheckHealthAsync(cancellationToken);
                reports.Add(new PluginHealthReport(id, health.Healthy, health.Detail, isRequired));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                reports.Add(new PluginHealthReport(id, false, $"health check failed: {ex.Message}", isRequired));
            }
        }
        reports.AddRange(plugins.Failures.Select(f => new PluginHealthReport(f.Name, false, $"not loaded: {f.Reason}", required.Contains(f.Folder))));
        // A required folder with no plugin at all (deleted, or never shipped) is a failure too, not a silent absence.
        foreach (var folder in required.Where(r => plugins.Plugins.All(p => p.Folder != r) && plugins.Failures.All(f => f.Folder != r)))
            reports.Add(new PluginHealthReport(folder, false, $"not loaded: no plugin folder '{folder}' was found (Plugins:Required names it)", true));
        return reports;
    }

    private static LogLevel Map(PluginLogLevel level) => level switch
    {
        PluginLogLevel.Debug => LogLevel.Debug,
        PluginLogLevel.Information => LogLevel.Information,
        PluginLogLevel.Warning => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
