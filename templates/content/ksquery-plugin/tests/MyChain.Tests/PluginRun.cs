using System.Text.Json;
using KsQuery.Plugins.Abstractions;

namespace MyChain.Tests;

/// <summary>Starts the plugin as the host would and calls it the way the host does after validating a request.</summary>
internal static class PluginRun
{
    public static async Task<MyChainPlugin> StartAsync(string? height = null)
    {
        var plugin = new MyChainPlugin();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (height is not null)
            settings["Height"] = height;
        await plugin.StartAsync(new PluginContext(Path.GetTempPath(), settings, TimeProvider.System, (_, _) => { }), CancellationToken.None);
        return plugin;
    }

    public static ValueTask<ApiResult> CallAsync(this IChainPlugin plugin, string apiId, Dictionary<string, string>? parameters = null, string? body = null) =>
        plugin.ExecuteAsync(new ApiCall(MyChainCatalog.NetworkId, apiId, parameters ?? [], body is null ? null : JsonDocument.Parse(body).RootElement),
            CancellationToken.None);

    /// <summary>The JSON the host would write for a successful answer.</summary>
    public static JsonElement Json(this ApiResult result)
    {
        result.Error.ShouldBeNull();
        return JsonDocument.Parse(JsonSerializer.Serialize(result.Value, result.TypeInfo!)).RootElement;
    }
}
