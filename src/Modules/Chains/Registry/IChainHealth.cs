namespace KsQuery.Modules.Chains;

/// <summary>Health of every chain plugin, loaded or skipped, and of each network of the loaded ones.</summary>
public interface IChainHealth
{
    /// <summary>One report per plugin, each followed by one per network of that plugin (when it loaded).</summary>
    Task<IReadOnlyList<PluginHealthReport>> CheckAsync(CancellationToken cancellationToken);
}

/// <param name="Name">The chain id, or the folder's name for a plugin that failed before its descriptor was read.</param>
/// <param name="Required">In a folder that <c>Plugins:Required</c> names: failing makes the whole service unhealthy. Never
/// set on a network's report: a network's health never makes the service unhealthy.</param>
/// <param name="Network">The network's id for a network's report; null for the plugin's.</param>
/// <param name="ComingSoon">A network its plugin lists as coming soon: reported with its detail, not as a failure.</param>
public sealed record PluginHealthReport(string Name, bool Healthy, string Detail, bool Required = false, string? Network = null, bool ComingSoon = false)
{
    /// <summary>The report's key in <c>/health</c>: the chain id, or <c>chain/network</c>.</summary>
    public string Key => Network is null ? Name : $"{Name}/{Network}";
}
