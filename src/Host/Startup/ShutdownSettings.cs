using Microsoft.Extensions.Options;

namespace KsQuery.Host.Startup;

internal static class ShutdownSettings
{
    /// <summary>Binds <c>Shutdown:Timeout</c> (validated at start) and makes it the host's shutdown timeout.</summary>
    public static IServiceCollection AddShutdownTimeout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);
        return services;
    }
}
