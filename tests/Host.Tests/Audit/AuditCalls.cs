using System.Net;
using System.Text.Json;

namespace Host.Tests.Audit;

/// <summary>Dashboard calls as a given client: the connection's address and the <c>User-Agent</c> are set per call, so the
/// audit entries can be checked for them.</summary>
internal static class AuditCalls
{
    public const string DefaultIp = "203.0.113.9";
    public const string DefaultAgent = "audit-tests/1.0";

    public static async Task<(int Status, JsonElement Body)> RequestAsync(this IAlbaHost host, string method, string pathAndQuery,
        object? body = null, string? bearer = null, string ip = DefaultIp, string userAgent = DefaultAgent)
    {
        var result = await host.Scenario(s =>
        {
            var send = method switch
            {
                "GET" => s.Get,
                "POST" => s.Post,
                "PUT" => s.Put,
                "PATCH" => s.Patch,
                "DELETE" => s.Delete,
                _ => throw new ArgumentOutOfRangeException(nameof(method)),
            };
            if (body is null)
                send.Url(pathAndQuery);
            else
                send.Json(body).ToUrl(pathAndQuery);
            if (bearer is not null)
                s.WithBearerToken(bearer);
            s.WithRequestHeader("User-Agent", userAgent);
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse(ip));
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode, string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static Task<(int Status, JsonElement Body)> GetJsonAsync(this IAlbaHost host, string pathAndQuery, string bearer) =>
        host.RequestAsync("GET", pathAndQuery, bearer: bearer);

    public static async Task<(string Access, string Refresh)> LogInAsync(this IAlbaHost host, string email, string password,
        string ip = DefaultIp, string userAgent = DefaultAgent)
    {
        var (status, body) = await host.RequestAsync("POST", "/v1/auth/login", new { email, password }, ip: ip, userAgent: userAgent);
        status.ShouldBe(200, body.ToString());
        return (body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    public static string? Text(this JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
