using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>The answer to a path below <c>/v1/{chain}/{network}/</c> of a served network that names no API of its catalog
/// (docs/api.md, chain query APIs): the key checks every keyed call gets, then 404 <c>api_not_found</c>.</summary>
internal sealed class UnknownChainApi(string chain, string network)
{
    public Task InvokeAsync(HttpContext context) => Answer(context).ExecuteAsync(context);

    private ProblemResult Answer(HttpContext context)
    {
        if (KeyScopeCheck.Refusal(context, chain, network) is { } refusal)
            return refusal;
        return new ProblemResult(404, "api_not_found", "Not found",
            $"The {chain}/{network} catalog has no API at {context.Request.Path}; GET /v1/chains/{chain}/networks/{network}/apis lists them.");
    }
}
