using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Host.Tests.Security.Support;

/// <summary>What an account has stored, read through the API: <c>GET /v1/me</c> (id, email, selection) and every key of
/// <c>GET /v1/keys?status=all</c> with all its settings and state. <c>lastUsedAt</c> is left out: calls with a key are
/// supposed to move it.</summary>
public sealed record AccountSnapshot(string Me, string Keys)
{
    public static async Task<AccountSnapshot> TakeAsync(HttpClient http, string token)
    {
        var me = await GetAsync(http, "/v1/me", token);
        var keys = JsonNode.Parse(await GetAsync(http, "/v1/keys?status=all&size=100", token))!.AsObject();
        var items = keys["items"]!.AsArray();
        items.Count.ShouldBe(keys["total"]!.GetValue<int>(), "the snapshot must hold every key of the account");
        foreach (var item in items)
            item!.AsObject().Remove("lastUsedAt");
        return new AccountSnapshot(me, items.ToJsonString());
    }

    private static async Task<string> GetAsync(HttpClient http, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, $"GET {url} for a snapshot: {body}");
        return JsonDocument.Parse(body).RootElement.GetRawText();
    }
}
