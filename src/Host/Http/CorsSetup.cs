using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace KsQuery.Host.Http;

/// <summary>CORS with ASP.NET Core's middleware, closed unless <c>Cors:AllowedOrigins</c> lists origins. Listed origins may
/// send the API's methods with its headers (bearer tokens and API keys travel in headers; no cookies, so no credentials
/// mode) and read the headers clients act on.</summary>
internal static class CorsSetup
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] RequestHeaders = ["Authorization", "Content-Type", "X-Api-Key"];
    private static readonly string[] ExposedHeaders = ["Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    public static IServiceCollection AddConfiguredCors(this IServiceCollection services)
    {
        services.AddOptions<CorsSettings>().BindConfiguration(CorsSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsSettings>, CorsSettingsValidator>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsSettings>>((cors, settings) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins(settings.Value.AllowedOrigins)
                .WithMethods(Methods)
                .WithHeaders(RequestHeaders)
                .WithExposedHeaders(ExposedHeaders)
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>The CORS middleware only when origins are listed: closed costs nothing, keyed calls included.</summary>
    public static IApplicationBuilder UseConfiguredCors(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<CorsSettings>>().Value.AllowedOrigins.Length > 0 ? app.UseCors() : app;
}
