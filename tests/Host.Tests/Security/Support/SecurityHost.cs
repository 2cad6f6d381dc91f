using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Host.Tests.Support;

namespace Host.Tests.Security.Support;

/// <summary>A signed-up account as the suite uses it.</summary>
public sealed record Party(string Id, string Email, string Token, string RefreshToken);

/// <summary>An issued API key: its id and the plaintext shown once.</summary>
public sealed record IssuedKey(string Id, string Plaintext, string Name);

/// <summary>The real host in memory (Alba) with the few steps every security test needs: sign up and log in, create and
/// revoke keys, send a request with a token or a key.</summary>
public sealed class SecurityHost : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private SecurityHost(IAlbaHost host)
    {
        Host = host;
        Http = host.Server.CreateClient();
    }

    public IAlbaHost Host { get; }
    public HttpClient Http { get; }

    public static async Task<SecurityHost> StartAsync(string dataDirectory, IDictionary<string, string?> settings, TimeProvider? clock = null) =>
        new(await TestHost.StartAsync(dataDirectory, settings, clock));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Signs up, logs in and selects kalp/testnet.</summary>
    public async Task<Party> SignUpAsync(string email)
    {
        (await SendAsync(HttpMethod.Post, "/v1/accounts", body: new { email, password = Password })).Status.ShouldBe(HttpStatusCode.Created);
        var (status, tokens) = await SendAsync(HttpMethod.Post, "/v1/auth/login", body: new { email, password = Password });
        status.ShouldBe(HttpStatusCode.OK);
        var token = tokens.GetProperty("accessToken").GetString()!;
        (await SendAsync(HttpMethod.Put, "/v1/me/selection", token, new { chain = "kalp", network = "testnet" })).Status.ShouldBe(HttpStatusCode.OK);
        var (_, me) = await SendAsync(HttpMethod.Get, "/v1/me", token);
        return new Party(me.GetProperty("id").GetString()!, email, token, tokens.GetProperty("refreshToken").GetString()!);
    }

    public async Task<IssuedKey> CreateKeyAsync(Party party, string name, int? rateLimitPerSecond = null, bool recoverable = false)
    {
        var (status, key) = await SendAsync(HttpMethod.Post, "/v1/keys", party.Token, new { name, rateLimitPerSecond, recoverable });
        status.ShouldBe(HttpStatusCode.Created, key.ToString());
        return new IssuedKey(key.GetProperty("id").GetString()!, key.GetProperty("key").GetString()!, name);
    }

    public async Task RevokeAsync(Party party, string keyId) =>
        (await SendAsync(HttpMethod.Post, $"/v1/keys/{keyId}/revoke", party.Token)).Status.ShouldBe(HttpStatusCode.OK);

    /// <summary>Sends a JSON request with an optional bearer token; the body of the answer is parsed when there is one.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string url, string? token = null, object? body = null,
        string? apiKey = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (apiKey is not null)
            request.Headers.Add("X-Api-Key", apiKey);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
