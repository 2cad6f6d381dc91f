using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bench.Runner;

/// <summary>Creates the benchmark's account and keys through the public API, as a developer would.</summary>
internal sealed class Setup(string url, string email = "bench@example.com")
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(url) };
    private string _token = "";

    public async Task LogInAsync()
    {
        var credentials = new { email, password = "benchmark password" };
        await _http.PostAsJsonAsync("/v1/accounts", credentials);
        var login = await Json(await _http.PostAsJsonAsync("/v1/auth/login", credentials));
        _token = login.GetProperty("accessToken").GetString()!;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        (await _http.PutAsJsonAsync("/v1/me/selection", new { chain = "kalp", network = "testnet" })).EnsureSuccessStatusCode();
    }

    /// <summary>Creates a key (on the selection unless a chain and network are given, with restrictions if given); returns its
    /// id, plaintext and how long the request took.</summary>
    public async Task<(string Id, string Key, TimeSpan Took)> CreateKeyAsync(string name, string? chain = null, string? network = null,
        object? restrictions = null)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await _http.PostAsJsonAsync("/v1/keys", new { name, chain, network, rateLimitPerSecond = 1_000_000, restrictions });
        var took = Stopwatch.GetElapsedTime(started);
        var body = await Json(response);
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!, took);
    }

    public async Task RevokeAsync(string keyId) => await Json(await _http.PostAsync($"/v1/keys/{keyId}/revoke", null));

    /// <summary>Requests counted per key of the account (<c>GET /v1/usage/summary</c>, <c>byKey</c>).</summary>
    public async Task<Dictionary<string, long>> RequestsByKeyAsync() =>
        (await Json(await _http.GetAsync("/v1/usage/summary"))).GetProperty("byKey").EnumerateArray()
            .ToDictionary(k => k.GetProperty("keyId").GetString()!, k => k.GetProperty("requests").GetInt64());

    public async Task<long> RequestsOfKeyAsync(string keyId) =>
        (await Json(await _http.GetAsync($"/v1/keys/{keyId}/usage"))).GetProperty("requests").GetInt64();

    public async Task<string> GetRawAsync(string path, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", apiKey);
        var response = await _http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The headers of an answer that the application wrote (as <c>Name: value</c> lines): not those Kestrel writes
    /// for every answer (<c>Date</c>, <c>Content-Length</c>) nor <c>Content-Type</c>, which the fair baseline sets itself.</summary>
    public async Task<string> GetHeadersAsync(string path, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await _http.SendAsync(request);
        string[] written = ["Date", "Content-Length", "Content-Type", "Transfer-Encoding", "Server"];
        return string.Concat(response.Headers.Concat(response.Content.Headers)
            .Where(header => !written.Contains(header.Key, StringComparer.OrdinalIgnoreCase))
            .Select(header => $"{header.Key}: {string.Join(", ", header.Value)}\n"));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
