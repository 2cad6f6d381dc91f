using KsQuery.Contracts.Http;
using KsQuery.Contracts.Messages;
using KsQuery.Contracts.Storage.Postgres;
using KsQuery.Modules.Keys.Accounts.ChangePassword;
using KsQuery.Modules.Keys.Administration;
using KsQuery.Modules.Keys.Accounts.Delete;
using KsQuery.Modules.Keys.Accounts.SignUp;
using KsQuery.Modules.Keys.ApiKeys;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Audit.Activity;
using KsQuery.Modules.Keys.Audit.Log;
using KsQuery.Modules.Keys.ApiKeys.Create;
using KsQuery.Modules.Keys.ApiKeys.Get;
using KsQuery.Modules.Keys.ApiKeys.List;
using KsQuery.Modules.Keys.ApiKeys.Reveal;
using KsQuery.Modules.Keys.ApiKeys.Revoke;
using KsQuery.Modules.Keys.ApiKeys.Roll;
using KsQuery.Modules.Keys.ApiKeys.Update;
using KsQuery.Modules.Keys.Auth.Login;
using KsQuery.Modules.Keys.Auth.Logout;
using KsQuery.Modules.Keys.Auth.Refresh;
using KsQuery.Modules.Keys.Auth.Sessions;
using KsQuery.Modules.Keys.Auth.Sessions.End;
using KsQuery.Modules.Keys.Auth.Sessions.List;
using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.LastUse;
using KsQuery.Modules.Keys.Me;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Storage.Postgres;
using KsQuery.Modules.Keys.Teams;
using KsQuery.Modules.Keys.Teams.Create;
using KsQuery.Modules.Keys.Teams.Get;
using KsQuery.Modules.Keys.Teams.Invitations;
using KsQuery.Modules.Keys.Teams.List;
using KsQuery.Modules.Keys.Teams.Members;
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
using KsQuery.Modules.Keys.CacheSync;

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
        // Settings: bound to their section, checked by source-generated validators before anything starts.
        services.AddOptions<KeysOptions>().Bind(configuration.GetSection(KeysOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeysOptions>, KeysOptionsValidator>();
        services.AddOptions<Argon2Options>().Bind(configuration.GetSection(Argon2Options.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Argon2Options>, Argon2OptionsValidator>();
        services.AddOptions<ThrottleOptions>().Bind(configuration.GetSection(ThrottleOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ThrottleOptions>, ThrottleOptionsValidator>();
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.AddOptions<AccountsOptions>().Bind(configuration.GetSection(AccountsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountsOptions>, AccountsOptionsValidator>();
        var keys = configuration.GetSection(KeysOptions.Section).Get<KeysOptions>() ?? new KeysOptions();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, KeysJsonContext.Default));

        var dataProtection = services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        if (DataProtectionCertificate.Load(configuration) is { } certificate)
            dataProtection.ProtectKeysWithCertificate(certificate);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, DataProtectionKeyRing>();

        // Stores: LiteDB (collections prefixed keys_ in the host's database) by default; PostgreSQL (schema ksq_keys) when
        // KSQUERY_STORE is set.
        var postgres = PostgresStore.IsSelected(configuration);
        if (postgres)
        {
            services.AddPostgresMigrations(KeysSchema.Module, KeysSchema.Steps);
            services.AddSingleton<IAccountStore, PostgresAccountStore>();
            services.AddSingleton<IApiKeyStore, PostgresApiKeyStore>();
            services.AddSingleton<ITeamStore, PostgresTeamStore>();
            services.AddSingleton<IAuditStore, PostgresAuditStore>();
        }
        else
        {
            services.AddSingleton<IAccountStore, LiteDbAccountStore>();
            services.AddSingleton<LiteDbApiKeyStore>();
            services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<LiteDbApiKeyStore>());
            services.AddHostedService<StoredKeyIdsLoading>();
            services.AddSingleton<ITeamStore, LiteDbTeamStore>();
            services.AddSingleton<IAuditStore, LiteDbAuditStore>();
        }
        services.AddSingleton<TeamMembership>();
        services.AddSingleton<KeyAccess>();
        services.AddSessions(postgres);
        // The audit log: written in the request that makes the change (client address and user agent from its context,
        // CurrentRequest).
        services.AddSingleton<IAuditTrail, RecordedAuditTrail>();
        services.AddSingleton<AuditVisibility>();
        services.AddSingleton<KeyEndings>();
        services.AddHostedService<AuditMaintenance>();

        services.AddSingleton(sp => new FairHashingQueue(sp.GetRequiredService<IOptions<Argon2Options>>().Value.EffectiveMaxConcurrency));
        services.AddSingleton<ISecretHasher, Argon2SecretHasher>();
        services.AddSingleton<Telemetry.KeysMetrics>();
        services.AddHostedService<HasherWarmUp>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<SignUpThrottle>();
        services.AddSingleton<KeySecretThrottle>();
        services.AddSingleton<KeyIssuer>();
        services.AddSingleton<KeyRevocation>();
        services.AddKeyCacheSync(configuration);
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<ApiKeyMiddleware>();
        services.AddSingleton<IAccountKeyDirectory, AccountKeyDirectory>();
        services.AddSingleton<IDeletedAccountPurge, DeletedAccountPurge>();
        services.AddHostedService<DeletedAccountPruner>();
        services.AddSingleton(sp => new KeysAdministration(sp.GetRequiredService<IAccountStore>(), sp.GetRequiredService<IApiKeyStore>(),
            sp.GetRequiredService<ISecretHasher>(), sp.GetRequiredService<AccountSessions>(), sp.GetRequiredService<IAuditTrail>(),
            sp.GetRequiredService<KeyRevocation>(), sp.GetRequiredService<KeyEndings>(), sp.GetRequiredService<LastUseTracker>(),
            sp.GetRequiredService<TimeProvider>()));

        // Instances, so the Wolverine handlers' public interfaces and the module's own code share one object.
        var cache = new VerifiedKeyCache();
        services.AddSingleton(cache);
        services.AddSingleton<IVerifiedKeyCache>(cache);
        var lastUse = new LastUseTracker();
        services.AddSingleton(lastUse);
        services.AddSingleton<IKeyActivity>(lastUse);
        services.AddSingleton<IUnpublishedKeyedCalls>(lastUse);
        services.AddHostedService<LastUseFlusher>();

        // No default scheme: dashboard routes authenticate through the account policy (bearer tokens), keyed routes
        // through UseApiKeys(); the API-key scheme is there for endpoints that authorize with it explicitly.
        services.AddAuthentication()
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

    /// <summary>Every call of <paramref name="keyed"/> needs a valid API key: <see cref="UseApiKeys"/> verifies it and
    /// refuses the call without one (401 with the reason of docs/api.md: <c>key_missing</c>, <c>key_invalid</c>,
    /// <c>key_revoked</c>, <c>key_expired</c>, <c>key_disabled</c>); the endpoint then finds the <see cref="VerifiedKey"/> feature.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder keyed)
    {
        keyed.WithMetadata(ApiKeyRequired.Instance);
        return keyed;
    }

    /// <summary>Verifies the API key of calls to endpoints under <see cref="RequireApiKey"/>; place it after routing
    /// and before anything that reads the <see cref="VerifiedKey"/> feature (the usage module's limits).</summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app)
    {
        var middleware = app.ApplicationServices.GetRequiredService<ApiKeyMiddleware>();
        return app.Use(middleware.InvokeAsync);
    }

    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder v1)
    {
        v1.MapGroup("/accounts").WithTags("Accounts").MapSignUp();
        v1.MapGroup("/auth").WithTags("Auth").MapLogin().MapRefresh().MapLogout();
        v1.MapGroup("/me").WithTags("Me").RequireAuthorization(AccountPolicy).MapMe().MapChangePassword().MapDeleteAccount();
        v1.MapGroup("/sessions").WithTags("Sessions").RequireAuthorization(AccountPolicy).MapListSessions().MapEndSession();
        v1.MapGroup("/keys").WithTags("API keys").RequireAuthorization(AccountPolicy)
            .MapCreateApiKey()
            .MapListApiKeys()
            .MapGetApiKey()
            .MapUpdateApiKey()
            .MapRevokeApiKey()
            .MapRollApiKey()
            .MapRevealApiKey()
            .MapKeyActivity();
        v1.MapGroup("/audit").WithTags("Audit").RequireAuthorization(AccountPolicy).MapAuditLog();
        v1.MapGroup("/teams").WithTags("Teams").RequireAuthorization(AccountPolicy)
            .MapCreateTeam()
            .MapListTeams()
            .MapGetTeam()
            .MapInviteMember()
            .MapChangeMemberRole()
            .MapRemoveMember();
        v1.MapGroup("/invitations").WithTags("Teams").RequireAuthorization(AccountPolicy).MapAcceptInvitation();
        return v1;
    }
}
