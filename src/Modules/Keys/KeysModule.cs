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

    /// <summary>Authorization policy for dashboard routes (account bearer tokens).</summary>
    public const string AccountPolicy = "account";

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

        // The API-key scheme is the default so UseAuthentication verifies the key of a keyed call before the usage
        // middleware applies its limits; on every other endpoint it answers NoResult at once and the account policy
        // authenticates with the bearer scheme.
        services.AddAuthentication(ApiKeyScheme)
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
                .RequireClaim(AccountClaims.AccountId));
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, KeysAuthorizationResultWriter>());

        return services;
    }

    /// <summary>Refuses every call of <paramref name="keyed"/> without a verified API key (401 with the reason of
    /// API.md: <c>key_missing</c>, <c>key_invalid</c>, <c>key_revoked</c>, <c>key_expired</c>). Its endpoints must carry
    /// <see cref="ChainApiMetadata"/>, which is what makes the API-key scheme authenticate them.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder keyed)
    {
        keyed.AddEndpointFilter(ApiKeyRequirement.InvokeAsync);
        return keyed;
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
}
