using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Console.Tests.Support;

/// <summary>Sets up an account through the HTTP API (faster than the pages) for tests about something else.</summary>
public static class Accounts
{
    public const string Password = "correct horse battery";

    /// <summary>Signs up, logs in and selects KALP DLT / Test Net; returns the access token.</summary>
    public static async Task<string> CreateWithSelectionAsync(HttpClient http, string email)
    {
        (await http.PostAsJsonAsync("/v1/accounts", new { email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var login = await http.PostAsJsonAsync("/v1/auth/login", new { email, password = Password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await ReadAsync(login)).GetProperty("accessToken").GetString()!;
        using var select = new HttpRequestMessage(HttpMethod.Put, "/v1/me/selection") { Content = JsonContent.Create(new { chain = "kalp", network = "testnet" }) };
        select.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await http.SendAsync(select)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return token;
    }

    /// <summary>Creates a key; returns (id, plaintext).</summary>
    public static async Task<(string Id, string Key)> CreateKeyAsync(HttpClient http, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/keys") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await ReadAsync(response);
        return (created.GetProperty("id").GetString()!, created.GetProperty("key").GetString()!);
    }

    public static async Task<HttpStatusCode> CallAsync(HttpClient http, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
