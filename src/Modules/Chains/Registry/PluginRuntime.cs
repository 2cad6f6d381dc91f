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
                {
                    var available = loaded.Plugin.IsNetworkAvailable(network.Id);
                    if (!available)
                        registry.MarkComingSoon(id, network.Id);
                    // Asked after the start so the log says why a network cannot serve (not configured, a wrong upstream).
                    var health = await CheckNetworkAsync(loaded.Plugin, network.Id, logger, cancellationToken);
                    if (!available)
                        logger.LogInformation("Chain plugin {Chain} lists network {Network} as coming soon: {Detail}", id, network.Id, health.Detail);
                    else if (!health.Healthy)
                        logger.LogWarning("Chain plugin {Chain} reports network {Network} unhealthy: {Detail}", id, network.Id, health.Detail);
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
            var health = await CheckChainAsync(loaded.Plugin, cancellationToken);
            reports.Add(new PluginHealthReport(id, health.Healthy, health.Detail, required.Contains(loaded.Folder)));
            foreach (var network in loaded.Plugin.Descriptor.Networks)
            {
                var networkHealth = await CheckNetworkAsync(loaded.Plugin, network.Id, cancellationToken);
                reports.Add(new PluginHealthReport(id, networkHealth.Healthy, networkHealth.Detail, Network: network.Id,
                    ComingSoon: !registry.IsNetworkAvailable(id, network.Id)));
            }
        }
        reports.AddRange(plugins.Failures.Select(f => new PluginHealthReport(f.Name, false, $"not loaded: {f.Reason}", required.Contains(f.Folder))));
        // A required folder with no plugin at all (deleted, or never shipped) is a failure too, not a silent absence.
        foreach (var folder in required.Where(r => plugins.Plugins.All(p => p.Folder != r) && plugins.Failures.All(f => f.Folder != r)))
            reports.Add(new PluginHealthReport(folder, false, $"not loaded: no plugin folder '{folder}' was found (Plugins:Required names it)", true));
        return reports;
    }

    /// <summary>The plugin's own health: unhealthy with why when it failed to start, else what it reports.</summary>
    public async ValueTask<PluginHealth> CheckChainAsync(IChainPlugin plugin, CancellationToken cancellationToken)
    {
        var id = plugin.Descriptor.Id;
        if (_startFailures.TryGetValue(id, out var failure))
            return PluginHealth.Failing($"failed to start: {failure}");
        try
        {
            return Checked(await plugin.CheckHealthAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A plugin's bug: the exception stays in the log, the report says only that the check failed.
            loggers.CreateLogger($"KsQuery.Plugins.{id}").LogError(ex, "Chain plugin {Chain} failed its health check", id);
            return PluginHealth.Failing("health check failed");
        }
    }

    /// <summary>One network's health (<see cref="IChainPlugin.CheckNetworkHealthAsync"/>): every network of a plugin that
    /// failed to start is unhealthy with the start's failure.</summary>
    public ValueTask<PluginHealth> CheckNetworkAsync(IChainPlugin plugin, string networkId, CancellationToken cancellationToken) =>
        _startFailures.TryGetValue(plugin.Descriptor.Id, out var failure)
            ? ValueTask.FromResult(PluginHealth.Failing($"failed to start: {failure}"))
            : CheckNetworkAsync(plugin, networkId, loggers.CreateLogger($"KsQuery.Plugins.{plugin.Descriptor.Id}"), cancellationToken);

    private static async ValueTask<PluginHealth> CheckNetworkAsync(IChainPlugin plugin, string networkId, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return Checked(await plugin.CheckNetworkHealthAsync(networkId, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Chain plugin {Chain} failed the health check of network {Network}", plugin.Descriptor.Id, networkId);
            return PluginHealth.Failing("health check failed");
        }
    }

    // A plugin may answer null or an empty detail; the reports always say something.
    private static PluginHealth Checked(PluginHealth? health) => health switch
    {
        null => PluginHealth.Failing("health check answered nothing"),
        _ when string.IsNullOrWhiteSpace(health.Detail) => health with { Detail = health.Healthy ? "ok" : "unhealthy" },
        _ => health,
    };

    private static LogLevel Map(PluginLogLevel level) => level switch
    {
        PluginLogLevel.Debug => LogLevel.Debug,
        PluginLogLevel.Information => LogLevel.Information,
        PluginLogLevel.Warning => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
