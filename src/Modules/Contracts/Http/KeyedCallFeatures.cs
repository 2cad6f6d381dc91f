using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KsQuery.Contracts.Http;

/// <summary>The keyed path's per-request state (endpoint, verified key, rejection), read and written through the feature
/// collection's indexer. <c>Features.Get&lt;T&gt;</c>, <c>Set&lt;T&gt;</c> and <c>GetEndpoint()</c> are generic virtual
/// calls on an interface, each resolved through the runtime's dispatch cache; a keyed call made about ten of them, a
/// measured share of its CPU time (docs/performance.md). The indexer is a plain interface call.</summary>
public static class KeyedCallFeatures
{
    public static Endpoint? EndpointOf(HttpContext context) =>
        (context.Features[typeof(IEndpointFeature)] as IEndpointFeature)?.Endpoint;

    /// <summary>The chain API the request is routed to; null for every other route.</summary>
    public static ChainApiMetadata? ChainApiOf(HttpContext context) =>
        EndpointOf(context)?.Metadata.GetMetadata<ChainApiMetadata>();

    public static VerifiedKey? VerifiedKeyOf(HttpContext context) => context.Features[typeof(VerifiedKey)] as VerifiedKey;

    public static void SetVerifiedKey(HttpContext context, VerifiedKey key) => context.Features[typeof(VerifiedKey)] = key;

    public static KeyRejection? RejectionOf(HttpContext context) => context.Features[typeof(KeyRejection)] as KeyRejection;

    public static void SetRejection(HttpContext context, KeyRejection rejection) => context.Features[typeof(KeyRejection)] = rejection;
}
