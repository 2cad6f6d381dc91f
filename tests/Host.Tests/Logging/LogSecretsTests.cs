using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HostProcess = Host.Tests.Security.Faults.HostProcess;
using TempDirectory = Host.Tests.Support.TempDirectory;

namespace Host.Tests.Logging;

/// <summary>The real process's stdout and stderr over a whole flow (sign up, login, refresh, create key, call, a wrong key,
/// reveal, roll, revoke, a wrong password, password change), with every category at Debug and KS Query at Trace, in both
/// <c>Logging:Format</c>s: no secret used appears anywhere; JSON lines carry the request's id, the <c>traceId</c> of its
/// problem answer.</summary>
public sealed class LogSecretsTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public async Task A_whole_flow_logs_no_secret(string format)
    {
        var (log, secrets, _) = await RunFlowAsync(format);

        secrets.Count.ShouldBeGreaterThanOrEqualTo(9);
        foreach (var secret in secrets)
            log.ShouldNotContain(secret, Case.Sensitive, $"a secret of the flow is in the {format} log");
        log.ShouldContain("Now listening on");
    }

    [Fact]
    public async Task Json_lines_are_json_objects_with_the_request_id_that_its_problem_answer_names()
    {
        var (log, _, problemTraceId) = await RunFlowAsync("json");

        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).ToList();
        lines.Count.ShouldBeGreaterThan(5, log);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        entries.All(e => e.TryGetProperty("Timestamp", out _) && e.TryGetProperty("LogLevel", out _) && e.TryGetProperty("Category", out _))
            .ShouldBeTrue(log);
        entries.Any(e => HasScope(e, "RequestId") && HasScope(e, "RequestPath") && HasScope(e, "ConnectionId")).ShouldBeTrue(log);
        entries.Any(e => Scope(e, "RequestId") == problemTraceId && Scope(e, "RequestPath") == "/v1/kalp/testnet/network")
            .ShouldBeTrue($"no entry of the refused call {problemTraceId}: {log}");
    }

    [Fact]
    public async Task Text_lines_are_not_json()
    {
        var (log, _, _) = await RunFlowAsync("text");

        log.Split('\n').ShouldNotContain(l => l.TrimStart().StartsWith("{\"Timestamp\"", StringComparison.Ordinal), log);
    }

    private static bool HasScope(JsonElement entry, string name) => Scope(entry, name) is not null;

    private static string? Scope(JsonElement entry, string name) =>
        entry.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out _))
                .Select(s => s.GetProperty(name).ToString()).FirstOrDefault()
            : null;

    private async Task<(string Log, List<string> Secrets, string ProblemTraceId)> RunFlowAsync(string format)
    {
        const string password = "first secret password 1";
        const string newPassword = "second secret password 2";
        var secrets = new List<string> { password, newPassword };
        var settings = new Dictionary<string, string>
        {
            ["Logging:Format"] = format,
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            ["Logging:LogLevel:KsQuery"] = "Trace",
            ["Logging:LogLevel:Wolverine"] = "Debug",
            ["Keys:Argon2:MemoryKiB"] = "1024",
            ["Keys:Argon2:Iterations"] = "1",
            ["Plugins:kalp:Blocks"] = "50",
        };
        await using var host = await HostProcess.StartAsync(_data.Path, settings);
        var http = host.Http;

        (await http.PostAsJsonAsync("/v1/accounts", new { email = "logs@example.com", password })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var login = await ReadAsync(await http.PostAsJsonAsync("/v1/auth/login", new { email = "logs@example.com", password }));
        var access = login.GetProperty("accessToken").GetString()!;
        var refresh = login.GetProperty("refreshToken").GetString()!;
        var refreshed = await ReadAsync(await http.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = refresh }));
        access = refreshed.GetProperty("accessToken").GetString()!;
        secrets.AddRange([login.GetProperty("accessToken").GetString()!, refresh, access, refreshed.GetProperty("refreshToken").GetString()!]);
        http.DefaultRequestHeaders.Authorization = new("Bearer", access);

        (await http.PutAsJsonAsync("/v1/me/selection", new { chain = "kalp", network = "testnet" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var created = await ReadAsync(await http.PostAsJsonAsync("/v1/keys", new { name = "logged", recoverable = true }));
        var keyId = created.GetProperty("id").GetString()!;
        var key = created.GetProperty("key").GetString()!;
        secrets.Add(key);

        using (var call = new HttpRequestMessage(HttpMethod.Get, "/v1/kalp/testnet/network"))
        {
            call.Headers.Authorization = null;
            call.Headers.Add("X-Api-Key", key);
            (await http.SendAsync(call)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var wrongKey = key[..^6] + "ABCDEF";
        secrets.Add(wrongKey[(wrongKey.LastIndexOf('_') + 1)..]);
        string problemTraceId;
        using (var call = new HttpRequestMessage(HttpMethod.Get, "/v1/kalp/testnet/network"))
        {
            call.Headers.Add("X-Api-Key", wrongKey);
            var refused = await http.SendAsync(call);
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            problemTraceId = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("traceId").GetString()!;
        }

        var revealed = await ReadAsync(await http.PostAsJsonAsync($"/v1/keys/{keyId}/reveal", new { password }));
        revealed.GetProperty("key").GetString().ShouldBe(key);
        var rolled = await ReadAsync(await http.PostAsJsonAsync($"/v1/keys/{keyId}/roll", new { gracePeriodSeconds = 0 }));
        secrets.Add(rolled.GetProperty("key").GetString()!);
        (await http.PostAsJsonAsync($"/v1/keys/{rolled.GetProperty("id").GetString()}/revoke", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await http.PostAsJsonAsync("/v1/auth/login", new { email = "logs@example.com", password = "a wrong password 123" })).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
        (await http.PostAsJsonAsync("/v1/me/password", new { currentPassword = password, newPassword })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        secrets.Add("a wrong password 123");
        // the key bodies alone (without their ksq_test_ prefix) are secrets too
        secrets.Add(key[(key.LastIndexOf('_') + 1)..]);

        return (host.Log, secrets, problemTraceId);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
