using JasperFx.CodeGeneration;
using KsQuery.Contracts.Http;
using KsQuery.Host.Health;
using KsQuery.Host.Http;
using KsQuery.Host.Keyed;
using KsQuery.Host.Logging;
using KsQuery.Host.Memory;
using KsQuery.Host.OpenApi;
using KsQuery.Host.Operations.AdminChannel;
using KsQuery.Host.Plugins;
using KsQuery.Host.Startup;
using KsQuery.Host.Storage;
using KsQuery.Host.Telemetry;
using KsQuery.Modules.Chains;
using KsQuery.Modules.Keys;
using KsQuery.Modules.Usage;
using KsQuery.WebConsole;
using Wolverine;

// A start that cannot succeed ends with one line and an exit code of its own (README, Exit codes), not a stack trace.
return await StartupGuard.RunAsync(args, settings =>
{
    var builder = WebApplication.CreateBuilder(settings);
    builder.AddShippedSettings();
    builder.AddLogFormat();          // Logging:Format: json or text to stdout

    var dataDirectory = builder.AddDataDirectory();
    builder.AddSelectedStore();        // KSQUERY_STORE: PostgreSQL for a scaled-out deployment; unset, LiteDB only
    builder.RefuseSingleInstanceSettings(); // with PostgreSQL: no live block production (one instance's ledger only)
    builder.Services.AddAdminChannel(); // admin.sock for the operator's commands, and the data directory's lock
    var plugins = PluginLoader.Load(builder.Configuration);

    builder.Services.AddShutdownTimeout(builder.Configuration);
    builder.Services.AddIdleMemoryTrim(); // the heap a load left behind, given back once the service is quiet
    builder.Services.AddHttpConventions();
    builder.Services.AddKsQueryOpenApi();
    builder.Services.AddKsQueryHealth();
    builder.AddKsQueryTelemetry();   // metrics (/metrics, OTLP) and traces (OTLP)
    builder.Services.AddKeys(builder.Configuration);
    builder.Services.AddChains(builder.Configuration, plugins, dataDirectory);
    builder.Services.AddUsage(builder.Configuration);

    builder.Host.UseWolverine(opts =>
    {
        // Handler code is generated ahead of time (codegen write) and committed: no Roslyn at run time.
        opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
        opts.ApplicationAssembly = typeof(Program).Assembly;
        opts.Discovery.IncludeAssembly(typeof(KeysModule).Assembly);
        opts.Discovery.IncludeAssembly(typeof(ChainsModule).Assembly);
        opts.Discovery.IncludeAssembly(typeof(UsageModule).Assembly);
        // Each handler of a message has its own chain and local queue (the only mode of Wolverine 7): one module's handler
        // failing never stops another's. Where order matters, the module says so on its queue (ConfigureUsage).
        opts.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
        opts.AssertNoCombinedHandlers();
        opts.ConfigureUsage();
    });

    var app = builder.Build();

    app.UseCurrentRequest();    // the request, for log scopes and audit entries (not IHttpContextAccessor: see CurrentRequest)
    app.UseRouting();           // where WebApplication would put it (first), but after the above so its entries have the request
    app.UseForwardedHeadersFromTrustedProxies(); // client addresses from configured proxies only (none by default)
    app.UseHttpConventions();
    app.UseKsQueryMetrics();  // /metrics to loopback and allowed networks only
    app.UseKeyedCalls(keyed => keyed
        .UseUsageTracking()   // counts every keyed call, refused ones included
        .UseApiKeys()         // the API key (401)
        .UseKeyLimits());     // rate limit and quota (429)
    app.UseStatusCodeProblems();
    app.UseAuthentication();  // everything else: bearer tokens of the dashboard routes
    app.UseAuthorization();

    app.MapKsQueryOpenApi();
    app.MapKsQueryScalar();
    app.MapKsQueryHealth();
    app.MapConsole();        // the web console at /, its files under /assets/

    var v1 = app.MapGroup("/v1");
    v1.MapKeys();
    v1.MapChains();
    v1.MapUsage();
    // Keyed calls are measured by ksquery.keyed_call.duration (chain, network, API); ASP.NET Core's per-request histogram
    // would measure them a second time on the hot path (docs/performance.md, "Metrics").
    v1.MapGroup("").RequireApiKey().DisableHttpMetrics().MapChainApis();

    app.LogPluginReport(plugins);
    return app;
});

/// <summary>Entry point; public so tests can host it with Alba.</summary>
public partial class Program;
