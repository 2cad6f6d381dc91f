using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys;
using KsQuery.Modules.Keys.Authentication;
using KsQuery.Modules.Keys.Hashing;
using LiteDB;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Keys.Tests.Support;

/// <summary>
/// The Keys module alone on a real Kestrel port, wired as Program.cs wires it (problem details with code and
/// traceId, authentication, authorization, a keyed group), with Wolverine replaced by <see cref="FakeMessageBus"/>
/// and a clock the test controls. Argon2 runs with tiny parameters from configuration.
/// </summary>
internal sealed class KeysTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private KeysTestHost(WebApplication app, string dataDirectory, HttpClient client, ManualTimeProvider time, FakeMessageBus bus)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Client = client;
        Time = time;
        Bus = bus;
    }

    public HttpClient Client { get; }
    public ManualTimeProvider Time { get; }
    public FakeMessageBus Bus { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="services">Replaces module services after <c>AddKeys</c> (e.g. the <see cref="CountingHasher"/>).</param>
    public static async Task<KeysTestHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var data = Directory.CreateTempSubdirectory("ksq-keys-tests-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Keys:Argon2:MemoryKiB"] = "64",
            ["Keys:Argon2:Iterations"] = "1",
            ["Keys:Argon2:Parallelism"] = "1",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);

        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var bus = new FakeMessageBus();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(new DataDirectory(data));
        builder.Services.AddSingleton<ILiteDatabase>(_ => new LiteDatabase(":memory:"));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("code", c.ProblemDetails.Status == 401 ? "unauthenticated" : "error");
            c.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? c.HttpContext.TraceIdentifier;
        });
        builder.Services.AddKeys(builder.Configuration);
        builder.Services.AddSingleton<IMessageBus>(bus);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        var cache = app.Services.GetRequiredService<IVerifiedKeyCache>();
        bus.OnPublish = message =>
        {
            if (message is ApiKeyRevoked revoked)
                ApiKeyRevokedHandler.Handle(revoked, cache);
        };

        app.UseApiKeys();
        app.UseAuthentication();
        app.UseAuthorization();
        var v1 = app.MapGroup("/v1");
        v1.MapKeys();
        v1.MapGroup("").RequireApiKey()
            .MapGet("/{chain}/{network}/ping", (HttpContext context) =>
            {
                var key = context.Features.Get<VerifiedKey>()!;
                return $"{key.KeyId} {key.Chain}/{key.Network} {key.RateLimitPerSecond}";
            })
            .WithMetadata(new ChainApiMetadata("any", "any", "ping"));
        // Outside the keyed group: authorized with the API-key scheme itself.
        v1.MapGet("/scheme/whoami", (HttpContext context) => context.User.FindFirst(ApiKeyAuthenticator.KeyIdClaim)?.Value)
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = KeysModule.ApiKeyScheme });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(data, recursive: true);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KeysTestHost(app, data, new HttpClient { BaseAddress = new Uri(address) }, time, bus);
    }

    /// <summary>Services replacing the Argon2 hasher with <paramref name="hasher"/>, without the start-up warm-up hash
    /// (so the hasher counts only what requests cause).</summary>
    public static Action<IServiceCollection> WithHasher(ISecretHasher hasher) => services =>
    {
        services.AddSingleton(hasher);
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(HasherWarmUp)));
    };

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? token = null,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        configure?.Invoke(request);
        return await Client.SendAsync(request);
    }

    public async Task<string> SignUpAndLoginAsync(string email = "dev@example.com", string password = "correct horse battery")
    {
        (await SendAsync(HttpMethod.Post, "/v1/accounts", new { email, password })).EnsureSuccessStatusCode();
        var login = await SendAsync(HttpMethod.Post, "/v1/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        return (await ReadAsync(login))["accessToken"]!.GetValue<string>();
    }

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    public static async Task ShouldBeProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(text)!;
        problem["code"]!.GetValue<string>().ShouldBe(code, text);
        problem["status"]!.GetValue<int>().ShouldBe(status);
        problem["title"].ShouldNotBeNull();
        problem["detail"].ShouldNotBeNull();
        problem["traceId"].ShouldNotBeNull();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
