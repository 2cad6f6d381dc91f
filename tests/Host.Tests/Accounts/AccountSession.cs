using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Host.Tests.Support;

namespace Host.Tests.Accounts;

/// <summary>One login of a test account: its tokens, and helpers that send as it (with its own user agent).</summary>
internal sealed record AccountSession(ApiClient Api, string Access, string Refresh, string UserAgent)
{
    public static async Task<AccountSession> LogInAsync(ApiClient api, string email, string password, string userAgent = "test-agent/1.0")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.UserAgent.ParseAdd(userAgent);
        var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var login = JsonDocument.Parse(text).RootElement;
        return new AccountSession(api, login.GetProperty("accessToken").GetString()!, login.GetProperty("refreshToken").GetString()!, userAgent);
    }

    /// <summary>Sends with this session's access token and user agent.</summary>
    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string url, object? body = null) =>
        SendAsync(method, url, body, Access);

    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> MeAsync() => SendAsync(HttpMethod.Get, "/v1/me");

    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> RefreshAsync() =>
        SendAsync(HttpMethod.Post, "/v1/auth/refresh", new { refreshToken = Refresh }, bearer: null);

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string url, object? body,
        string? bearer)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (bearer is not null)
            request.Headers.Authorization = new("Bearer", bearer);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        var response = await Api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    /// <summary>GET /v1/sessions as this session; the items.</summary>
    public async Task<JsonElement[]> ListSessionsAsync()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/v1/sessions");
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        return body.GetProperty("items").EnumerateArray().ToArray();
    }

    /// <summary>The id of this session, as the sessions list marks it current.</summary>
    public async Task<string> IdAsync() =>
        (await ListSessionsAsync()).Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString()!;
}
