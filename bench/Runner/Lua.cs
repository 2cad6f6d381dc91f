namespace Bench.Runner;

/// <summary>wrk scripts: a fixed key header, random block numbers, keys rotated per request.</summary>
internal static class Lua
{
    public static string Header(string key) => $"wrk.headers[\"X-Api-Key\"] = \"{key}\"\n";

    /// <summary>A browser-like keyed call: the key, an <c>Origin</c> and a <c>User-Agent</c>.</summary>
    public static string BrowserHeaders(string key, string origin, string userAgent) =>
        Header(key) + $"wrk.headers[\"Origin\"] = \"{origin}\"\nwrk.headers[\"User-Agent\"] = \"{userAgent}\"\n";

    public static string RandomPaths(string prefix, long count, string? key) =>
        (key is null ? "" : Header(key)) +
        $$"""
        math.randomseed(42)
        request = function() return wrk.format("GET", "{{prefix}}" .. math.random(0, {{count - 1}})) end
        """;

    public static string RotatingKeys(string path, IReadOnlyList<string> keys, string? forwardedFor = null) =>
        "local keys = {" + string.Join(",", keys.Select(k => $"\"{k}\"")) + "}\n" +
        $$"""
        local i = 0
        request = function()
          i = i % #keys + 1
          return wrk.format("GET", "{{path}}", { ["X-Api-Key"] = keys[i]{{ForwardedFor(forwardedFor)}} })
        end
        """;

    /// <summary>Sign-ups with a new email each (<c>&lt;prefix&gt;-&lt;n&gt;@example.com</c>), all from one client.</summary>
    public static string SignUps(string prefix, string? forwardedFor = null) =>
        $$"""
        local i = 0
        request = function()
          i = i + 1
          local body = '{"email":"{{prefix}}-' .. i .. '@example.com","password":"flood password 123"}'
          return wrk.format("POST", "/v1/accounts", { ["Content-Type"] = "application/json"{{ForwardedFor(forwardedFor)}} }, body)
        end
        """;

    private static string ForwardedFor(string? address) => address is null ? "" : $", [\"X-Forwarded-For\"] = \"{address}\"";
}
