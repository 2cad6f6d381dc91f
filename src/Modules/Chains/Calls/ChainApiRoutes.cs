using KsQuery.Plugins.Abstractions;

namespace KsQuery.Modules.Chains.Calls;

internal static class ChainApiRoutes
{
    /// <summary>The full path shown in the catalog, e.g. <c>/v1/kalp/testnet/blocks/{number}</c>.</summary>
    public static string FullPath(string chain, string network, ApiDescriptor api) => $"/v1/{chain}/{network}/{api.Route}";
}
