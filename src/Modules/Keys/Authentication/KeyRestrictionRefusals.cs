using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>The answers of a call outside its key's restrictions (403 <c>key_restricted</c> with <c>restriction</c>,
/// docs/api.md), built once, and the CORS headers of a call from one of the key's origins.</summary>
internal static class KeyRestrictionRefusals
{
    public const string Code = "key_restricted";

    // The headers a browser page reads from keyed answers (the same list as the host's CORS policy); both values made once.
    private static readonly StringValues ExposedHeaders = "Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset";
    private static readonly StringValues VaryOrigin = HeaderNames.Origin;

    private static readonly ProblemResult IpRefusal = Refusal(CompiledRestrictions.Ip, "This API key may not be used from this client address.");
    private static readonly ProblemResult OriginRefusal = Refusal(CompiledRestrictions.Origin, "This API key may not be used from this origin.");
    private static readonly ProblemResult UserAgentRefusal = Refusal(CompiledRestrictions.UserAgent, "This API key may not be used by this user agent.");
    private static readonly ProblemResult ApiRefusal = Refusal(CompiledRestrictions.Api, "This API key may not call this API.");

    public static ProblemResult Of(string restriction) => restriction switch
    {
        CompiledRestrictions.Ip => IpRefusal,
        CompiledRestrictions.Origin => OriginRefusal,
        CompiledRestrictions.UserAgent => UserAgentRefusal,
        _ => ApiRefusal,
    };

    /// <summary>The call came from one of the key's origins: the browser may read the answer, whatever it is.</summary>
    public static void AllowOrigin(IHeaderDictionary headers, StringValues origin)
    {
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlExposeHeaders = ExposedHeaders;
        headers.Vary = VaryOrigin;
    }

    private static ProblemResult Refusal(string restriction, string detail) =>
        new ProblemResult(StatusCodes.Status403Forbidden, Code, "Forbidden", detail, extension: ("restriction", restriction)).Reusable();
}
