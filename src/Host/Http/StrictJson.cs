using System.Text.Json.Serialization;

namespace KsQuery.Host.Http;

/// <summary>Request bodies are read as strictly as docs/api.md says: a value of the wrong JSON type is malformed.</summary>
internal static class StrictJson
{
    /// <summary>The framework's JSON options start from <c>JsonSerializerDefaults.Web</c>, which reads numbers from strings
    /// (<c>"rateLimitPerSecond":"5"</c>). Body binding uses these options, with the modules' source-generated contexts only
    /// as type-info resolvers, so this one setting covers every route; the contexts' own options never apply to HTTP.
    /// Booleans, strings and dates are strict already.</summary>
    public static IServiceCollection AddStrictJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
}
