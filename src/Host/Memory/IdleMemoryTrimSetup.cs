namespace KsQuery.Host.Memory;

internal static class IdleMemoryTrimSetup
{
    public static IServiceCollection AddIdleMemoryTrim(this IServiceCollection services)
    {
        services.AddSingleton<IHeapReadings, ProcessHeap>();
        services.AddHostedService<IdleMemoryTrim>();
        return services;
    }
}
