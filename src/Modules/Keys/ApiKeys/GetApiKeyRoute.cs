using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.ApiKeys;

internal static class GetApiKeyRoute
{
    /// <summary>Endpoint name of <c>GET /v1/keys/{id}</c>, for <c>Location</c> headers.</summary>
    public const string Name = "GetApiKey";

    /// <summary>201 with a relative <c>Location</c> (<c>/v1/keys/{id}</c>): an absolute one would be built from the
    /// request's Host header, which the caller chooses.</summary>
    public static Created<T> CreatedAt<T>(this LinkGenerator links, string id, T value) =>
        TypedResults.Created(links.GetPathByName(Name, new RouteValueDictionary { ["id"] = id }), value);
}
