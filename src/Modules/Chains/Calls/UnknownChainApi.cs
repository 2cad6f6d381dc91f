using KsQuery.Contracts.Http;
using KsQuery.Plugins.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>A network's catch-all for GET and POST below <c>/v1/{chain}/{network}/</c> (docs/api.md, chain query APIs):
/// a path that names no API of the catalog answers 404 <c>api_not_found</c>; a catalog API's path asked with the other
/// method answers 405 <c>method_not_allowed</c> with <c>Allow</c>, as routing does for the methods no chain API uses.
/// Routing prefers every catalog route to a catch-all, so known APIs never come here and their path is unchanged. As a
/// keyed endpoint it gets the key checks and limits of every keyed call first (401, 429), and is counted under
/// <see cref="ChainApiMetadata.UnknownApi"/>.</summary>
internal sealed class UnknownChainApi(string chain, string network, IReadOnlyList<ApiDescriptor> apis)
{
    public const string PathParameter = "path";
    public const string Route = "{**" + PathParameter + "}";

    private readonly (TemplateMatcher Matcher, string Method)[] _routes =
    [
        .. apis.Select(api => (new TemplateMatcher(TemplateParser.Parse(api.Route), []), api.Method == ApiMethod.Get ? HttpMethods.Get : HttpMethods.Post)),
    ];

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

        var rest = "/" + (context.Request.RouteValues[PathParameter] as string ?? "");
        var allowed = _routes.Where(r => r.Matcher.TryMatch(rest, [])).Select(r => r.Method).Distinct().ToList();
        if (allowed.Count > 0)
        {
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return new ProblemResult(405, "method_not_allowed", "Method not allowed", $"{context.Request.Method} is not allowed on {context.Request.Path}.");
        }
        return new ProblemResult(404, "api_not_found", "Not found",
            $"The {chain}/{network} catalog has no API at {context.Request.Path}; GET /v1/chains/{chain}/networks/{network}/apis lists them.");
    }
}
