using static Host.Tests.Security.BadInput.BadValues;

namespace Host.Tests.Security.BadInput;

/// <summary>Hand-written cases at the edges the generator does not reach on its own: text cut at every length limit of
/// the keyed path, exact size boundaries, states (revoked, not recoverable) and the KALP plugin's own body checks.</summary>
public static class EdgeCases
{
    private const string Network = "GET /v1/kalp/testnet/network";
    private const string Transaction = "GET /v1/kalp/testnet/transactions/{txId}";
    private const string Query = "POST /v1/kalp/testnet/smart-contracts/{contractId}/query/{function}";
    private const string QueryPath = "/v1/kalp/testnet/smart-contracts/klp-f02611a93e-cc/query/BalanceOf";

    private static BadInputCase Edge(string name, string route, string path, int status, string code, Credential credential,
        string? body = null, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Name = "edge: " + name,
        Route = route,
        Method = route[..route.IndexOf(' ')],
        Path = path,
        As = credential,
        Body = body,
        Headers = headers,
        Status = status,
        Code = code,
    };

    private static Dictionary<string, string> UserAgent(string agent) => new() { ["User-Agent"] = agent };

    public static IReadOnlyList<BadInputCase> All { get; } =
    [
        // The keyed path keeps 256 characters of a refused call's user agent and 512 of its path for the rejections log.
        Edge("user agent of 255 characters and an emoji (cut inside the pair)", Network, "/v1/kalp/testnet/network", 401, "key_revoked",
            Credential.RevokedKey, headers: UserAgent(new string('a', 255) + Emoji)),
        Edge("user agent of 256 characters and an emoji (cut before the pair)", Network, "/v1/kalp/testnet/network", 401, "key_revoked",
            Credential.RevokedKey, headers: UserAgent(new string('a', 256) + Emoji)),
        Edge("user agent holding a lone low surrogate", Network, "/v1/kalp/testnet/network", 401, "key_revoked",
            Credential.RevokedKey, headers: UserAgent("Mozilla/5.0 \udc00 x")),
        Edge("path of 511 characters and an emoji (cut inside the pair)", Transaction,
            "/v1/kalp/testnet/transactions/" + new string('a', 481) + Uri.EscapeDataString(Emoji), 401, "key_revoked", Credential.RevokedKey),
        Edge("path of 512 characters and an emoji (cut before the pair)", Transaction,
            "/v1/kalp/testnet/transactions/" + new string('a', 482) + Uri.EscapeDataString(Emoji), 401, "key_revoked", Credential.RevokedKey),

        // Keys presented wrongly.
        Edge("key with a zero-width space appended", Network, "/v1/kalp/testnet/network", 401, "key_invalid", Credential.None,
            headers: new Dictionary<string, string> { ["X-Api-Key"] = "@keyPlain@\u200B" }),
        Edge("two keys in one header", Network, "/v1/kalp/testnet/network", 401, "key_invalid", Credential.None,
            headers: new Dictionary<string, string> { ["X-Api-Key"] = "@keyPlain@, @keyPlain@" }),
        Edge("key under the Basic scheme", Network, "/v1/kalp/testnet/network", 401, "key_missing", Credential.None,
            headers: new Dictionary<string, string> { ["Authorization"] = "Basic @keyPlain@" }),
        Edge("key of a main network that does not exist", Network, "/v1/kalp/testnet/network", 401, "key_invalid", Credential.None,
            headers: new Dictionary<string, string> { ["X-Api-Key"] = "ksq_live_" + new string('7', 48) }),
        Edge("query value with a NUL", "GET /v1/kalp/testnet/transactions", "/v1/kalp/testnet/transactions?status=SUCCESS%00", 400,
            "validation_failed", Credential.CallerKey),

        // The KALP plugin's body checks (contract-query).
        Edge("contract query: args is a number", Query, QueryPath, 400, "validation_failed", Credential.CallerKey, "{\"args\":5}"),
        Edge("contract query: walletAddress is a number", Query, QueryPath, 400, "validation_failed", Credential.CallerKey, "{\"walletAddress\":5}"),
        Edge("contract query: body is an array", Query, QueryPath, 400, "validation_failed", Credential.CallerKey, "[]"),
        Edge("contract query: account is a number", Query, QueryPath, 400, "validation_failed", Credential.CallerKey, "{\"args\":{\"account\":5}}"),
        Edge("contract query: account is not hex", Query, QueryPath, 400, "validation_failed", Credential.CallerKey,
            "{\"args\":{\"account\":\"' OR 1=1 --\"}}"),
        Edge("contract query: a function that writes", Query, "/v1/kalp/testnet/smart-contracts/klp-f02611a93e-cc/query/Transfer", 404,
            "function_not_found", Credential.CallerKey, "{}"),

        // Paths under a served network that name no API of its catalog (after the key checks): 404 api_not_found, counted
        // for the key (listed under the network's first API, whose path they extend or replace).
        Edge("an API the catalog does not have", Network, "/v1/kalp/testnet/no-such-api", 404, "api_not_found", Credential.CallerKey),
        Edge("an API the catalog does not have, with a body", Query, "/v1/kalp/testnet/no-such-api", 404, "api_not_found",
            Credential.CallerKey, "{\"args\":{}}"),
        Edge("a catalog path one segment too long", Network, "/v1/kalp/testnet/network/more", 404, "api_not_found", Credential.CallerKey),
        Edge("an API the catalog does not have, under an alias", Network, "/v1/kalp/devnet/no-such-api", 404, "api_not_found",
            Credential.CallerKey),
        Edge("an API the catalog does not have, without a key", Network, "/v1/kalp/testnet/no-such-api", 401, "key_missing", Credential.None),

        // Paging given twice, ranges the wrong way round.
        Edge("page given twice", "GET /v1/keys", "/v1/keys?page=1&page=2", 400, "validation_failed", Credential.CallerToken),
        Edge("rejections size given twice", "GET /v1/usage/rejections", "/v1/usage/rejections?size=10&size=20", 400, "validation_failed", Credential.CallerToken),
        Edge("summary from after to", "GET /v1/usage/summary", "/v1/usage/summary?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400,
            "validation_failed", Credential.CallerToken),
        Edge("summary from equal to to", "GET /v1/usage/summary", "/v1/usage/summary?from=2026-02-01T00:00:00Z&to=2026-02-01T00:00:00Z", 400,
            "validation_failed", Credential.CallerToken),
        Edge("timeseries from after to", "GET /v1/usage/timeseries", "/v1/usage/timeseries?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
            400, "validation_failed", Credential.CallerToken),
        Edge("timeseries of 1441 minutes", "GET /v1/usage/timeseries",
            "/v1/usage/timeseries?interval=minute&from=2026-01-01T00:00:00Z&to=2026-01-02T00:01:00Z", 400, "validation_failed", Credential.CallerToken),
        .. new[] { "minute", "hour", "day" }.SelectMany(interval => new[]
        {
            Edge($"timeseries to 9999-12-31T23:59:59Z by {interval}", "GET /v1/usage/timeseries",
                $"/v1/usage/timeseries?interval={interval}&to=9999-12-31T23:59:59Z", 400, "validation_failed", Credential.CallerToken),
            Edge($"timeseries to 0001-01-01T00:00:00Z by {interval}", "GET /v1/usage/timeseries",
                $"/v1/usage/timeseries?interval={interval}&to=0001-01-01T00:00:00Z", 400, "validation_failed", Credential.CallerToken),
            Edge($"timeseries from 9999-12-31T00:00:00Z by {interval}", "GET /v1/usage/timeseries",
                $"/v1/usage/timeseries?interval={interval}&from=9999-12-31T00:00:00Z", 400, "validation_failed", Credential.CallerToken),
        }),
        Edge("key usage from after to", "GET /v1/keys/{id}/usage", "/v1/keys/@key@/usage?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400,
            "validation_failed", Credential.CallerToken),

        // Another account's key id, on every route that takes one: answered like an unknown id, and that key stays as it was.
        Edge("another account's key: read", "GET /v1/keys/{id}", "/v1/keys/@other@", 404, "key_not_found", Credential.CallerToken),
        Edge("another account's key: rename", "PATCH /v1/keys/{id}", "/v1/keys/@other@", 404, "key_not_found", Credential.CallerToken,
            "{\"name\":\"taken over\"}"),
        Edge("another account's key: revoke", "POST /v1/keys/{id}/revoke", "/v1/keys/@other@/revoke", 404, "key_not_found", Credential.CallerToken),
        Edge("another account's key: roll", "POST /v1/keys/{id}/roll", "/v1/keys/@other@/roll", 404, "key_not_found", Credential.CallerToken, "{}"),
        Edge("another account's key: reveal", "POST /v1/keys/{id}/reveal", "/v1/keys/@other@/reveal", 404, "key_not_found", Credential.CallerToken,
            "{\"password\":\"@password@\"}"),
        Edge("another account's key: usage", "GET /v1/keys/{id}/usage", "/v1/keys/@other@/usage", 404, "key_not_found", Credential.CallerToken),
        Edge("another account's key: timeseries", "GET /v1/usage/timeseries", "/v1/usage/timeseries?keyId=@other@", 404, "key_not_found",
            Credential.CallerToken),
        Edge("another account's key: selection", "PUT /v1/me/selection", "/v1/me/selection", 404, "key_not_found", Credential.CallerToken,
            "{\"chain\":\"kalp\",\"network\":\"testnet\",\"activeKeyId\":\"@other@\"}"),

        // States.
        Edge("roll a revoked key", "POST /v1/keys/{id}/roll", "/v1/keys/@revoked@/roll", 409, "key_not_active", Credential.CallerToken, "{}"),
        Edge("reveal a key that is not recoverable", "POST /v1/keys/{id}/reveal", "/v1/keys/@key@/reveal", 409, "key_not_recoverable",
            Credential.CallerToken, "{\"password\":\"@password@\"}"),
        Edge("reveal a revoked key", "POST /v1/keys/{id}/reveal", "/v1/keys/@revoked@/reveal", 409, "key_not_recoverable",
            Credential.CallerToken, "{\"password\":\"@password@\"}"),
        Edge("select a coming-soon chain", "PUT /v1/me/selection", "/v1/me/selection", 409, "chain_not_available", Credential.CallerToken,
            "{\"chain\":\"binance\",\"network\":\"mainnet\"}"),
        Edge("rename to a taken name with other spacing", "PATCH /v1/keys/{id}", "/v1/keys/@key@", 409, "key_name_taken", Credential.CallerToken,
            "{\"name\":\"  secondary  \"}"),

        // A value of the wrong JSON type is malformed, a string of digits where a number belongs included (docs/api.md).
        Edge("rate limit as a string of digits", "POST /v1/keys", "/v1/keys", 400, "malformed_json", Credential.CallerToken,
            "{\"name\":\"digits\",\"rateLimitPerSecond\":\"5\"}"),
        Edge("grace period as a string of digits", "POST /v1/keys/{id}/roll", "/v1/keys/@key@/roll", 400, "malformed_json", Credential.CallerToken,
            "{\"gracePeriodSeconds\":\"60\"}"),
        Edge("name of zero-width spaces only", "POST /v1/keys", "/v1/keys", 400, "validation_failed", Credential.CallerToken,
            "{\"name\":\"\u200B\u200C\u200D\"}"),

        // Sizes at the limit: 64 KiB is read (and refused for what it holds), one byte more is 413.
        Edge("sign-up body of exactly 64 KiB", "POST /v1/accounts", "/v1/accounts", 400, "validation_failed", Credential.None,
            SizedSignUp(64 * 1024)),
        Edge("sign-up body of 64 KiB and one byte", "POST /v1/accounts", "/v1/accounts", 413, "payload_too_large", Credential.None,
            SizedSignUp(64 * 1024 + 1)),
        Edge("sign-up nested 30000 deep", "POST /v1/accounts", "/v1/accounts", 400, "malformed_json", Credential.None,
            "{\"email\":" + new string('[', 30_000) + new string(']', 30_000) + "}"),
        Edge("sign-up with 5000 unknown fields and no email", "POST /v1/accounts", "/v1/accounts", 400, "validation_failed", Credential.None,
            "{" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"f{i}\":{i}")) + ",\"password\":\"@password@\"}"),
    ];

    /// <summary>A sign-up body of exactly <paramref name="bytes"/> bytes whose password is too long.</summary>
    private static string SizedSignUp(int bytes)
    {
        const string head = "{\"email\":\"exact-size@example.com\",\"password\":\"";
        const string tail = "\"}";
        return head + new string('p', bytes - head.Length - tail.Length) + tail;
    }
}
