using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Auth.Sessions;

internal static class SessionsSetup
{
    /// <summary>Ended sessions (logout) and the bearer scheme's check of them.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddSingleton<IEndedSessionStore, LiteDbEndedSessionStore>();
        services.AddSingleton<EndedSessions>();
        services.AddSingleton<IPostConfigureOptions<BearerTokenOptions>, EndedSessionCheck>();
        return services;
    }
}
