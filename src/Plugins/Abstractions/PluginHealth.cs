namespace KsQuery.Plugins.Abstractions;

/// <summary>Whether a plugin can serve calls.</summary>
/// <param name="Healthy">True when every network can serve.</param>
/// <param name="Detail">A short explanation, shown in <c>/health</c>.</param>
public sealed record PluginHealth(bool Healthy, string Detail)
{
    /// <summary>A healthy report.</summary>
    public static PluginHealth Ok(string detail = "ok") => new(true, detail);

    /// <summary>An unhealthy report.</summary>
    public static PluginHealth Failing(string detail) => new(false, detail);
}
