using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Host.Tests.Support;

/// <summary>Thin helpers over the host's HttpClient for the product flow; assertions stay in the tests.</summary>
public sealed class ApiClient(IAlbaHost host)
{
    public HttpClient Http { get; } = host.Server.CreateClient();

    public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string url, object? body = null, string? bearer = null, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (bearer is not null)
            request.Headers.Authorization = new("Bearer", bearer);
        if (apiKey is not null)
            request.Headers.Add("X-Api-Key", apiKey);
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response);
    }

    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(string url, string? bearer = null, string? apiKey = null) =>
        SendAsync(HttpMethod.Get, url, null, bearer, apiKey);

    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(string url, object? body, string? bearer = null, string? apiKey = null) =>
        SendAsync(HttpMethod.Post, url, body ?? new { }, bearer, apiKey);

    /// <summary>Signs up and logs in; returns the access token.</summary>
    public async Task<string> SignUpAndLogInAsync(string email, string password = "correct horse battery")
    {
        var (created, _, _) = await PostAsync("/v1/accounts", new { email, password });
        created.ShouldBe(HttpStatusCode.Created);
        var (status, login, _) = await PostAsync("/v1/auth/login", new { email, password });
        status.ShouldBe(HttpStatusCode.OK);
        return login.GetProperty("accessToken").GetString()!;
    }

    public async Task SelectAsync(string token, string chain = "kalp", string network = "testnet")
    {
        var (status, _, _) = await SendAsync(HttpMethod.Put, "/v1/me/selection", new { chain, network }, token);
        status.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Creates a key on the caller's selection; returns (id, plaintext key).</summary>
    public async Task<(string Id, string Key)> CreateKeyAsync(string token, string name, string? description = null)
    {
        var (status, body, _) = await PostAsync("/v1/keys", new { name, description }, token);
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }
}

public static class JsonAssertions
{
    public static string Code(this JsonElement problem) => problem.GetProperty("code").GetString()!;
}
