using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Chains.Calls;
using KsQuery.Modules.Chains.Docs;
using KsQuery.Modules.Chains.Registry;
using KsQuery.Plugins.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Chains.Catalog;

/// <summary><c>GET /v1/chains</c> and <c>GET /v1/chains/{chain}/networks/{network}/apis</c> (public).</summary>
internal static class CatalogEndpoints
{
    public static void MapCatalog(this RouteGroupBuilder v1)
    {
        var chains = v1.MapGroup("/chains").WithTags("Chains");
        chains.MapGet("/", ListChains)
            .WithName("ListChains")
            .WithSummary("Every known chain and its networks")
            .WithDescription("Chains served by a loaded plugin are `available` (a network its plugin cannot serve yet is `coming-soon`); " +
                "the chains of the `Chains:ComingSoon` setting (none by default) are `coming-soon` until a plugin for them is loaded.");
        chains.MapGet("/{chain}/networks/{network}/apis", GetCatalog)
            .WithName("GetNetworkCatalog")
            .Answers(StatusCodes.Status404NotFound, "chain_not_found", "network_not_found")
            .Answers(StatusCodes.Status409Conflict, "chain_not_available")
            .WithSummary("The API catalog of one network")
            .WithDescription("Every API of the network with its full path, method, category and parameters (with their patterns and ranges). " +
                "Chain and network ids match case-insensitively and network aliases (e.g. `DEVNET` for KALP `testnet`) resolve to the canonical network. " +
                "404 `chain_not_found` / `network_not_found`; 409 `chain_not_available` for a coming-soon chain.");
    }

    private static Ok<ChainDto[]> ListChains(ChainRegistry registry) =>
        TypedResults.Ok(registry.Chains.Select(c => new ChainDto(
            c.Id,
            c.Name,
            registry.IsAvailable(c) ? ChainStatus.Available : ChainStatus.ComingSoon,
            c.Networks.Select(n => new NetworkDto(n.Id, n.Name, registry.IsAvailable(c, n) ? ChainStatus.Available : ChainStatus.ComingSoon, n.IsTest, n.Aliases)).ToList()))
            .ToArray());

    private static Results<Ok<CatalogDto>, ProblemHttpResult> GetCatalog(string chain, string network, [FromServices] ChainRegistry registry,
        [FromServices] PluginRuntime runtime)
    {
        var resolution = registry.Resolve(chain, network);
        if (resolution.Outcome != NetworkResolutionOutcome.Found)
            return ResolutionProblem(resolution, chain, network);

        var entry = registry.Find(resolution.ChainId!)!;
        var net = entry.FindNetwork(resolution.NetworkId!)!;
        var examples = ChainExamples.Of(entry, net.Id, runtime);
        var apis = net.Descriptor!.Apis.Select(api => ToDto(entry.Id, net.Id, api, examples.GetValueOrDefault(api.Id))).ToList();
        return TypedResults.Ok(new CatalogDto(new ChainRefDto(entry.Id, entry.Name), new ChainRefDto(net.Id, net.Name), apis.Count, apis));
    }

    internal static ProblemHttpResult ResolutionProblem(NetworkResolution resolution, string chain, string network) => resolution.Outcome switch
    {
        NetworkResolutionOutcome.ChainNotFound => ApiProblems.NotFound("chain_not_found", $"There is no chain '{chain}'. GET /v1/chains lists them."),
        NetworkResolutionOutcome.NetworkNotFound => ApiProblems.NotFound("network_not_found", $"Chain '{resolution.ChainId}' has no network '{network}'."),
        _ => ApiProblems.Conflict("chain_not_available", $"Chain '{resolution.ChainId}' is coming soon and cannot be used yet."),
    };

    /// <param name="example">A call that succeeds on the running source: its values are the parameters' and body's examples.</param>
    private static CatalogApiDto ToDto(string chain, string network, ApiDescriptor api, ApiExample? example) => new(
        api.Id,
        api.Name,
        api.Category,
        api.Method == ApiMethod.Get ? "GET" : "POST",
        ChainApiRoutes.FullPath(chain, network, api),
        api.Summary,
        api.Parameters.Select(p => new CatalogParameterDto(
            p.Name,
            p.In == ParameterLocation.Path ? "path" : "query",
            ParameterTypes.Name(p.Type),
            p.In == ParameterLocation.Path || p.Required,
            p.Description,
            p.Pattern,
            p.Minimum,
            p.Maximum,
            p.Default,
            example?.Parameters.GetValueOrDefault(p.Name))).ToList(),
        api.Body is null ? null : new CatalogBodyDto(api.Body.Description, example?.Body ?? api.Body.Example, api.Body.Required),
        api.Errors ?? api.Failures?.Select(f => f.Code).Distinct(StringComparer.Ordinal).ToList() ?? []);
}
