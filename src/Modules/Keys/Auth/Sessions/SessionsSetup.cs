using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Auth.Sessions;

internal static class SessionsSetup
{
    /// <summary>Server-side sessions, ended sessions and the bearer scheme's check of them.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddSingleton<IEndedSessionStore, LiteDbEndedSessionStore>();
        services.AddSingleton<EndedSessions>();
        services.AddSingleton<ISessionStore, LiteDbSessionStore>();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<IPostConfigureOptions<BearerTokenOptions>, EndedSessionCheck>();
        return services;
    }
}
