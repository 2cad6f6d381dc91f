using KsQuery.Contracts.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.CacheSync;

internal static class KeyCacheSyncRegistration
{
    /// <summary>With PostgreSQL selected, evictions go to every instance (LISTEN/NOTIFY) and cached keys are revalidated
    /// periodically; with LiteDB (one instance) nothing of it is registered or run.</summary>
    public static IServiceCollection AddKeyCacheSync(this IServiceCollection services, IConfiguration configuration)
    {
        if (!PostgresStore.IsSelected(configuration))
        {
            services.AddSingleton<IKeyCacheBroadcast, SingleInstance>();
            return services;
        }
        services.AddOptions<KeyCacheSyncOptions>().Bind(configuration.GetSection(KeyCacheSyncOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyCacheSyncOptions>, KeyCacheSyncOptionsValidator>();
        services.AddSingleton<PostgresKeyCacheBroadcast>();
        services.AddSingleton<IKeyCacheBroadcast>(sp => sp.GetRequiredService<PostgresKeyCacheBroadcast>());
        services.AddSingleton<VerifiedKeyRevalidator>();
        services.AddHostedService<KeyEvictionListener>();
        services.AddHostedService<KeyRevalidationService>();
        return services;
    }
}
