namespace KsQuery.Modules.Chains;

/// <summary>Health of every chain plugin, loaded or skipped.</summary>
public interface IChainHealth
{
    Task<IReadOnlyList<PluginHealthReport>> CheckAsync(CancellationToken cancellationToken);
}

public sealed record PluginHealthReport(string Name, bool Healthy, string Detail);
