using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Storage.Postgres;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys.Auth.Sessions;

internal static class SessionsSetup
{
    /// <summary>Server-side sessions, ended sessions and the bearer scheme's check of them; in PostgreSQL when
    /// <paramref name="postgres"/>, else LiteDB.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services, bool postgres)
    {
        if (postgres)
        {
            services.AddSingleton<IEndedSessionStore, PostgresEndedSessionStore>();
            services.AddSingleton<ISessionStore, PostgresSessionStore>();
        }
        else
        {
            services.AddSingleton<IEndedSessionStore, LiteDbEndedSessionStore>();
            services.AddSingleton<ISessionStore, LiteDbSessionStore>();
        }
        services.AddSingleton<EndedSessions>();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<IPostConfigureOptions<BearerTokenOptions>, EndedSessionCheck>();
        return services;
    }
}
