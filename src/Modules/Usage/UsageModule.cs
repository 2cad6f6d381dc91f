using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Json;
using KsQuery.Modules.Usage.KeyUsage;
using KsQuery.Modules.Usage.Storage;
using KsQuery.Modules.Usage.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wolverine;

namespace KsQuery.Modules.Usage;

/// <summary>Usage counting, quotas and statistics of keyed calls.</summary>
public static class UsageModule
{
    public static IServiceCollection AddUsage(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<UsageOptions>(configuration.GetSection("Usage"));
        services.AddSingleton<IUsageStore, LiteDbUsageStore>();
        services.AddSingleton<UsageAggregator>();
        services.AddSingleton(sp => new UsageCounter(sp.GetRequiredService<UsageAggregator>()));
        services.AddHostedService<UsageFlusher>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, UsageJsonContext.Default));
        return services;
    }

    /// <summary>Wolverine settings of the module (local queue for usage events).</summary>
    public static void ConfigureUsage(this WolverineOptions options)
    {
    }

    /// <summary>Place after authentication and before authorization so rejected calls are seen.</summary>
    public static IApplicationBuilder UseUsageTracking(this IApplicationBuilder app) =>
        app.Use(UsageTrackingMiddleware.InvokeAsync);

    public static RouteGroupBuilder MapUsage(this RouteGroupBuilder v1)
    {
        v1.MapKeyUsage();
        return v1;
    }
}
