using JasperFx;
using JasperFx.CodeGeneration;
using KsQuery.Host.Health;
using KsQuery.Host.Http;
using KsQuery.Host.Keyed;
using KsQuery.Host.OpenApi;
using KsQuery.Host.Plugins;
using KsQuery.Host.Storage;
using KsQuery.Modules.Chains;
using KsQuery.Modules.Keys;
using KsQuery.Modules.Usage;
using KsQuery.WebConsole;
using Scalar.AspNetCore;
using Wolverine;

var builder = WebApplication.CreateBuilder(args);
builder.AddShippedSettings();

var dataDirectory = builder.AddDataDirectory();
var plugins = PluginLoader.Load(builder.Configuration);

builder.Services.AddHttpConventions();
builder.Services.AddKsQueryOpenApi();
builder.Services.AddKsQueryHealth();
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
    opts.ConfigureUsage();
});

var app = builder.Build();

app.UseHttpConventions();
app.UseKeyedCalls(keyed => keyed
    .UseUsageTracking()   // counts every keyed call, refused ones included
    .UseApiKeys()         // the API key (401)
    .UseKeyLimits());     // rate limit and quota (429)
app.UseStatusCodeProblems();
app.UseAuthentication();  // everything else: bearer tokens of the dashboard routes
app.UseAuthorization();

app.MapOpenApi();
app.MapScalarApiReference(options => options.WithTitle("KS Query API"));
app.MapKsQueryHealth();
app.MapConsole();        // the web console at /, its files under /assets/

var v1 = app.MapGroup("/v1");
v1.MapKeys();
v1.MapChains();
v1.MapUsage();
v1.MapGroup("").RequireApiKey().MapChainApis();

app.LogPluginReport(plugins);

// JasperFx commands (codegen write, used by scripts/codegen) only when asked: looking for them costs start-up time.
if (args.Length > 0)
    return await app.RunJasperFxCommands(args);
await app.RunAsync();
return 0;

/// <summary>Entry point; public so tests can host it with Alba.</summary>
public partial class Program;
