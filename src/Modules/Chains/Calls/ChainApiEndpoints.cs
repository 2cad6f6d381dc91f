using KsQuery.Modules.Chains.Telemetry;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Chains.Docs;
using KsQuery.Modules.Chains.Registry;
using KsQuery.Plugins.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>Turns every catalog entry of every available network into a real endpoint under
/// <c>/v1/{chain}/{network}/</c>, so routing, OpenAPI and Scalar come from the framework.
/// Network aliases get the same endpoints, hidden from the OpenAPI document.</summary>
internal static class ChainApiEndpoints
{
    public static void MapChainApis(RouteGroupBuilder keyed, ChainRegistry registry, PluginRuntime runtime, ChainsMetrics? metrics = null)
    {
        var schemas = new Lazy<ResponseSchemas>(() => ResponseSchemas.Build(registry));
        foreach (var chain in registry.Chains.Where(c => c.Available))
        {
            foreach (var network in chain.Networks)
            {
                var names = network.Aliases.Where(a => !string.Equals(a, network.Id, StringComparison.OrdinalIgnoreCase))
                    .Distinct(StringComparer.OrdinalIgnoreCase).Prepend(network.Id);
                foreach (var name in names)
                {
                    var isAlias = name != network.Id;
                    var group = keyed.MapGroup(chain.Id).MapGroup(name.ToLowerInvariant());
                    foreach (var api in network.Descriptor!.Apis)
                    {
                        var call = new ChainApiCall(chain.Plugin!, chain.Id, network.Id, api, runtime, registry, metrics);
                        string[] method = [api.Method == ApiMethod.Get ? HttpMethods.Get : HttpMethods.Post];
                        // Routing matches a CORS preflight for the API's method to the endpoint, so the host's preflight
                        // stage knows it is a chain API (a preflight carries no key; docs/api.md, CORS).
                        var endpoint = group
                            .MapMethods(api.Route, method, call.InvokeAsync)
                            .WithMetadata(ChainApiCall.Method, new ChainApiMetadata(chain.Id, network.Id, api.Id), api,
                                new HttpMethodMetadata(method, acceptCorsPreflight: true));
                        if (isAlias)
                            endpoint.ExcludeFromDescription();
                        else
                            endpoint.DescribeChainApi(chain, network, api, schemas, runtime);
                    }
                }
            }
        }
    }
}
