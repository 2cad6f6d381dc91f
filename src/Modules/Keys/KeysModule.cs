using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Accounts.SignUp;
using KsQuery.Modules.Keys.ApiKeys;
using KsQuery.Modules.Keys.ApiKeys.Create;
using KsQuery.Modules.Keys.ApiKeys.Get;
using KsQuery.Modules.Keys.ApiKeys.List;
using KsQuery.Modules.Keys.ApiKeys.Reveal;
using KsQuery.Modules.Keys.ApiKeys.Revoke;
using KsQuery.Modules.Keys.ApiKeys.Roll;
using KsQuery.Modules.Keys.ApiKeys.Update;
using KsQuery.Modules.Keys.Auth.Login;
using KsQuery.Modules.Keys.Auth.Refresh;
using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.LastUse;
using KsQuery.Modules.Keys.Me;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Throttling;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KsQuery.Modules.Keys;

/// <summary>Accounts, logins and API keys: every credential of KS Query.</summary>
public static class KeysModule
{
    /// <summary>Authentication scheme of keyed chain API calls.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Authorization policy for keyed chain API calls (API-key scheme).</summary>
    public const string ApiKeyPolicy = "api-key";

    /// <summary>Authorization policy for dashboard routes (account bearer tokens).</summary>
    public const string AccountPolicy = "account";

    /// <summary>Default scheme: picks the API-key scheme for endpoints that require <see cref="ApiKeyPolicy"/> and
    /// the bearer scheme otherwise, so middleware between authentication and authorization already sees the
    /// verified key (the authorization step reuses the result; handlers authenticate once per request).</summary>
    private const string SelectorScheme = "KsQuery";

    /// <summary>Data Protection application name: tokens and recoverable keys stay readable across restarts and instances.</summary>
    public const string DataProtectionApplicationName = "KsQuery";

    public static IServiceCollection AddKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<KeysOptions>().Bind(configuration.GetSection(KeysOptions.Section));
        services.AddOptions<Argon2Options>().Bind(configuration.GetSection(Argon2Options.Section))
            .Validate(o => o.MemoryKiB >= 8 * o.Parallelism && o.Iterations >= 1 && o.Parallelism is >= 1 and <= 255 && o.MaxConcurrency >= 0,
                "Keys:Argon2 needs Iterations >= 1, Parallelism 1..255 and MemoryKiB >= 8 x Parallelism.")
            .ValidateOnStart();
        services.AddOptions<ThrottleOptions>().Bind(configuration.GetSection(ThrottleOptions.Section));
        var keys = configuration.GetSection(KeysOptions.Section).Get<KeysOptions>() ?? new KeysOptions();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, KeysJsonContext.Default));

        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, DataProtectionKeyRing>();

        // Stores (LiteDB today; collections prefixed keys_ in the host's database).
        services.AddSingleton<IAccountStore, LiteDbAccountStore>();
        services.AddSingleton<IApiKeyStore, LiteDbApiKeyStore>();

        services.AddSingleton<ISecretHasher, Argon2SecretHasher>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<KeySecretThrottle>();
        services.AddSingleton<KeyIssuer>();
        services.AddSingleton<KeyRevocation>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<IAccountKeyDirectory, AccountKeyDirectory>();

        // Instances, so the Wolverine handlers' public interfaces and the module's own code share one object.
        var cache = new VerifiedKeyCache();
        services.AddSingleton(cache);
        services.AddSingleton<IVerifiedKeyCache>(cache);
        var lastUse = new LastUseTracker();
        services.AddSingleton(lastUse);
        services.AddSingleton<IKeyActivity>(lastUse);
        services.AddHostedService<LastUseFlusher>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, "API key or account token", o => o.ForwardDefaultSelector = SelectScheme)
            .AddBearerToken(BearerTokenDefaults.AuthenticationScheme, o =>
            {
                o.BearerTokenExpiration = keys.AccessTokenLifetime;
                o.RefreshTokenExpiration = keys.RefreshTokenLifetime;
            })
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, "API key", null);

        services.AddAuthorizationBuilder()
            .AddPolicy(AccountPolicy, p => p
                .AddAuthenticationSchemes(BearerTokenDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(AccountClaims.AccountId))
            .AddPolicy(ApiKeyPolicy, p => p
                .AddAuthenticationSchemes(ApiKeyScheme)
                .RequireAuthenticatedUser());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, KeysAuthorizationResultWriter>());

        return services;
    }

    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder v1)
    {
        v1.MapGroup("/accounts").WithTags("Accounts").MapSignUp();
        v1.MapGroup("/auth").WithTags("Auth").MapLogin().MapRefresh();
        v1.MapGroup("/me").WithTags("Me").RequireAuthorization(AccountPolicy).MapMe();
        v1.MapGroup("/keys").WithTags("API keys").RequireAuthorization(AccountPolicy)
            .MapCreateApiKey()
            .MapListApiKeys()
            .MapGetApiKey()
            .MapUpdateApiKey()
            .MapRevokeApiKey()
            .MapRollApiKey()
            .MapRevealApiKey();
        return v1;
    }

    private static string SelectScheme(HttpContext context)
    {
        var authorize = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>();
        return authorize is not null && authorize.Any(a => a.Policy == ApiKeyPolicy || a.AuthenticationSchemes == ApiKeyScheme)
            ? ApiKeyScheme
            : BearerTokenDefaults.AuthenticationScheme;
    }
}
