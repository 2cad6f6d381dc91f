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
        var key = KeyedCallFeatures.VerifiedKeyOf(context);
        if (key is null)
            return new ProblemResult(401, "key_missing", "Unauthorized", "Send an API key in the X-Api-Key header.");
        if (!string.Equals(key.Chain, chain, StringComparison.Ordinal) || !string.Equals(key.Network, network, StringComparison.Ordinal))
        {
            KeyedCallFeatures.SetRejection(context, new KeyRejection("key_scope_mismatch", key.KeyId, key.AccountId, key.Display));
            return new ProblemResult(403, "key_scope_mismatch", "Forbidden",
                $"This key is scoped to {key.Chain}/{key.Network}; it cannot call {chain}/{network}.");
        }
        return new ProblemResult(404, "api_not_found", "Not found",
            $"The {chain}/{network} catalog has no API at {context.Request.Path}; GET /v1/chains/{chain}/networks/{network}/apis lists them.");
    }
}
