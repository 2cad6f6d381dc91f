using KsQuery.Host.Http;
using Scalar.AspNetCore;

namespace KsQuery.Host.OpenApi;

internal static class ScalarSetup
{
    /// <summary>Scalar at <c>/scalar/v1</c>, fit for <see cref="SecurityHeaders.ScalarPolicy"/>: a fresh nonce on its script
    /// tags for every page, and no fonts from Scalar's CDN (the page loads nothing from another origin).</summary>
    public static IEndpointConventionBuilder MapKsQueryScalar(this WebApplication app) =>
        app.MapScalarApiReference(SecurityHeaders.ScalarPrefix, options => options
            .WithTitle("KS Query API")
            .WithNonce()
            .DisableDefaultFonts());
}
