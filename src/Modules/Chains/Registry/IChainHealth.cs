namespace KsQuery.Modules.Chains;

/// <summary>Health of every chain plugin, loaded or skipped.</summary>
public interface IChainHealth
{
    Task<IReadOnlyList<PluginHealthReport>> CheckAsync(CancellationToken cancellationToken);
}

/// <param name="Name">The chain id, or the folder's name for a plugin that failed before its descriptor was read.</param>
/// <param name="Required">In a folder that <c>Plugins:Required</c> names: failing makes the whole service unhealthy.</param>
public sealed record PluginHealthReport(string Name, bool Healthy, string Detail, bool Required = false);
