using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>The key checks every call below <c>/v1/{chain}/{network}/</c> gets, known API or not: a verified key, scoped
/// to that chain and network (docs/api.md, chain query APIs).</summary>
internal static class KeyScopeCheck
{
    /// <summary>The refusal for this call's key, or null when the key may call <paramref name="chain"/>/<paramref name="network"/>.</summary>
    public static ProblemResult? Refusal(HttpContext context, string chain, string network)
    {
        var key = KeyedCallFeatures.VerifiedKeyOf(context);
        if (key is null)
            return new ProblemResult(401, "key_missing", "Unauthorized", "Send an API key in the X-Api-Key header.");
        if (string.Equals(key.Chain, chain, StringComparison.Ordinal) && string.Equals(key.Network, network, StringComparison.Ordinal))
            return null;
        KeyedCallFeatures.SetRejection(context, new KeyRejection("key_scope_mismatch", key.KeyId, key.AccountId, key.Display));
        return new ProblemResult(403, "key_scope_mismatch", "Forbidden",
            $"This key is scoped to {key.Chain}/{key.Network}; it cannot call {chain}/{network}.");
    }
}
