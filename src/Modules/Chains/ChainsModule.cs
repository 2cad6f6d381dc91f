using KsQuery.Contracts.Http;
using KsQuery.Modules.Chains.Calls;
using KsQuery.Modules.Chains.Catalog;
using KsQuery.Modules.Chains.Json;
using KsQuery.Modules.Chains.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KsQuery.Modules.Chains;

/// <summary>Chain registry, network catalogs, and the mapping of plugin APIs to endpoints.</summary>
public static class ChainsModule
{
    public static IServiceCollection AddChains(this IServiceCollection services, IConfiguration configuration, PluginSet plugins, DataDirectory data)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(plugins);
        services.AddSingleton(new ChainRegistry(plugins, ComingSoonSettings.Read(configuration)));
        services.AddSingleton<PluginRuntime>();
        services.AddSingleton<Telemetry.ChainsMetrics>();
        services.AddSingleton<IChainHealth>(sp => sp.GetRequiredService<PluginRuntime>());
        services.AddHostedService(sp => sp.GetRequiredService<PluginRuntime>());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ChainsJsonContext.Default));
        return services;
    }

    /// <summary>Public routes: <c>/v1/chains</c> and the network catalogs.</summary>
    public static RouteGroupBuilder MapChains(this RouteGroupBuilder v1)
    {
        v1.MapCatalog();
        return v1;
    }

    /// <summary>For the keyed pipeline's branch condition: gives a request that routing matched to nothing below
    /// <c>/v1/{chain}/{network}/</c> of a served network (id or alias) an endpoint of that network, carrying
    /// <paramref name="keyedMetadata"/> (what the keyed routes' group adds), that answers 404 <c>api_not_found</c> after
    /// the key checks; false, and nothing changed, for every other request.</summary>
    public static Func<HttpContext, bool> UnknownApiAttacher(IServiceProvider services, params object[] keyedMetadata) =>
        new UnknownApiEndpoints(services.GetRequiredService<ChainRegistry>(), keyedMetadata).TryAttach;

    /// <summary>Every chain API as an endpoint under <paramref name="keyed"/>, a group that already requires an API key.</summary>
    public static RouteGroupBuilder MapChainApis(this RouteGroupBuilder keyed)
    {
        var services = ((IEndpointRouteBuilder)keyed).ServiceProvider;
        ChainApiEndpoints.MapChainApis(keyed, services.GetRequiredService<ChainRegistry>(), services.GetRequiredService<PluginRuntime>(),
            services.GetRequiredService<Telemetry.ChainsMetrics>());
        return keyed;
    }
}
