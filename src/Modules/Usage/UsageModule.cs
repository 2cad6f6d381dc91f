using KsQuery.Contracts.Http;
using KsQuery.Modules.Usage.Aggregation;
using KsQuery.Modules.Usage.Health;
using KsQuery.Modules.Usage.Alerts;
using KsQuery.Modules.Usage.Json;
using KsQuery.Modules.Usage.KeyUsage;
using KsQuery.Modules.Usage.Limits;
using KsQuery.Modules.Usage.Limits.Shared;
using KsQuery.Modules.Usage.Queries;
using KsQuery.Modules.Usage.Rejections;
using KsQuery.Modules.Usage.Retention;
using KsQuery.Modules.Usage.Storage;
using KsQuery.Modules.Usage.Storage.Postgres;
using KsQuery.Contracts.Storage.Postgres;
using KsQuery.Modules.Usage.Summary;
using KsQuery.Modules.Usage.Timeseries;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Usage.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace KsQuery.Modules.Usage;

/// <summary>Usage counting, rate limits and quotas, statistics, the rejected-call log and misuse alerts of keyed calls.</summary>
public static class UsageModule
{
    public static IServiceCollection AddUsage(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddOptions<UsageOptions>().Bind(configuration.GetSection(UsageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UsageOptions>, UsageOptionsValidator>();
        services.AddSingleton<IValidateOptions<UsageOptions>, UsageRetentionRules>();
        if (PostgresStore.IsSelected(configuration))
        {
            services.AddPostgresMigrations(UsageMigrations.Module, UsageMigrations.Steps);
            services.AddSingleton(UsageInstance.New());
            services.AddSingleton<IUsageStore, PostgresUsageStore>();
            // Rate limits and quotas held across instances: counts exchanged through PostgreSQL, checks still in memory.
            services.AddOptions<LimitExchangeOptions>().Bind(configuration.GetSection(LimitExchangeOptions.Section)).ValidateOnStart();
            services.AddSingleton<IValidateOptions<LimitExchangeOptions>, LimitExchangeOptionsValidator>();
            services.AddSingleton<LimitInstances>();
            services.AddSingleton<PostgresLimitCounts>();
            services.AddSingleton<ISharedQuotaCounts>(sp => sp.GetRequiredService<PostgresLimitCounts>());
            services.AddHostedService<LimitExchange>();
        }
        else
        {
            services.AddSingleton<IUsageStore, LiteDbUsageStore>();
        }
        services.AddSingleton<UsageWriteHealth>();
        services.AddSingleton<Telemetry.UsageMetrics>();
        services.AddSingleton<UsageBatchWriter>();
        services.AddSingleton<UsageAggregator>();
        services.AddSingleton<KeyAlertMonitor>();
        services.AddSingleton<UsageEventBuffer>();
        services.AddSingleton(sp => new UsageCounter(sp.GetRequiredService<UsageAggregator>(), sp.GetRequiredService<KeyAlertMonitor>(),
            sp.GetRequiredService<UsageEventBuffer>(), sp.GetRequiredService<ILogger<UsageCounter>>()));
        services.AddSingleton<UnpublishedCalls>();
        services.AddSingleton(sp => new AccountUsageEraser(sp.GetRequiredService<IUsageStore>()));
        services.AddSingleton<QuotaTracker>();
        services.AddSingleton<KeyLimits>();
        services.AddSingleton<UnidentifiedRejections>();
        services.AddSingleton<UsageTrackingMiddleware>();
        services.AddSingleton<KeyLimitsMiddleware>();
        services.AddSingleton<UsageQueries>();
        services.AddSingleton<IKeyRejectionLog, KeyRejectionLog>();
        services.AddHealthChecks().AddCheck<UsageHealthCheck>("usage");
        services.AddHostedService<UsageFlusher>();
        services.AddHostedService<UsageEventPump>();
        services.AddSingleton<UsageRollUp>();
        services.AddHostedService<UsageRetentionService>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, UsageJsonContext.Default));
        return services;
    }

    /// <summary>The local queue of the module's <see cref="KeyedCallCompletedHandler"/>.</summary>
    public const string EventsQueue = "usage-events";

    /// <summary>Wolverine settings of the module (handlers separated: other modules' handlers of the same messages run on
    /// queues of their own). Usage event batches go to the module's own in-memory local queue, handled one batch at a time
    /// in publication order: dashboard reads rely on that to wait for exactly the calls answered before them. A graceful
    /// stop drains it before the flusher's last write.</summary>
    public static void ConfigureUsage(this WolverineOptions options) =>
        options.LocalQueue(EventsQueue).Sequential().AddStickyHandler(typeof(KeyedCallCompletedHandler));

    /// <summary>Counts keyed calls; place it before the key check so calls refused there are counted too.</summary>
    public static IApplicationBuilder UseUsageTracking(this IApplicationBuilder app)
    {
        var middleware = app.ApplicationServices.GetRequiredService<UsageTrackingMiddleware>();
        return app.Use(middleware.InvokeAsync);
    }

    /// <summary>Rate limits and quotas of keyed calls; place it after the key check (it needs the verified key) and
    /// before the endpoints.</summary>
    public static IApplicationBuilder UseKeyLimits(this IApplicationBuilder app)
    {
        var middleware = app.ApplicationServices.GetRequiredService<KeyLimitsMiddleware>();
        return app.Use(middleware.InvokeAsync);
    }

    public static RouteGroupBuilder MapUsage(this RouteGroupBuilder v1)
    {
        v1.MapKeyUsage();
        v1.MapGroup("/usage").WithTags("Usage").RequireAuthorization(Policies.Account).AnswersUsageUnavailable()
            .MapUsageSummary()
            .MapUsageTimeseries()
            .MapUsageRejections();
        return v1;
    }
}
