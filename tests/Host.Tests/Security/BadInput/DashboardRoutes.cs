using static Host.Tests.Security.BadInput.BadValues;

namespace Host.Tests.Security.BadInput;

/// <summary>The dashboard and public routes of docs/api.md and what is wrong for each. A route added to the host needs an entry
/// here (or, for a chain API, nothing: <see cref="ChainRoutes"/> reads the catalog), or
/// <see cref="BadInputTests.Every_route_of_the_running_host_has_bad_input_cases"/> fails.</summary>
public static class DashboardRoutes
{
    private static readonly string[] NoBody = ["PUT", "DELETE"];

    private static BadValue V(string label, string json, int status = 400, string code = "validation_failed") =>
        new(label, json, status, code);

    private static BadValue S(string label, string text, int status = 400, string code = "validation_failed") =>
        new(label, Json(text), status, code);

    // The body of refresh and logout: a refresh token, and anything else in its place is refused.
    private static FieldSpec RefreshTokenField() => new("refreshToken", FieldKind.String, true, "\"@refresh@\"",
    [
        S("empty", ""), S("blank", " "),
        S("tampered", "@refreshTampered@", 401, "invalid_credentials"),
        S("access-token", "@token@", 401, "invalid_credentials"),
        S("garbage", "not-a-token", 401, "invalid_credentials"),
        S("sql-injection", "' OR 1=1 --", 401, "invalid_credentials"),
        S("long", new string('r', 20_000), 401, "invalid_credentials"),
        S("short-base64", "AAAA", 401, "invalid_credentials"),
    ]);

    private static readonly BadValue[] Emails =
    [
        S("not-an-address", "not-an-email"),
        S("no-dot-in-domain", "a@b"),
        S("two-ats", "a@b@example.com"),
        S("over-254", new string('a', 243) + "@example.com"),
        S("emoji-at-limit", new string('a', 241) + "@example.com" + Emoji),
        S("control", "a\u0001b@example.com"),
        S("nul", "a\u0000@example.com"),
        S("newline", "a\n@example.com"),
        S("blank", "   "),
        S("empty", ""),
    ];

    private static readonly BadValue[] NewPasswords =
    [
        S("11-characters", "elevenchars"),
        S("empty", ""),
        S("11-spaces", new string(' ', 11)),
        S("1025-characters", new string('p', 1025)),
        S("emoji-after-1024", new string('p', 1024) + Emoji),
    ];

    private static readonly BadValue[] TeamRoles =
    [
        S("empty", ""), S("blank", "   "), S("unknown", "boss"), S("plural", "owners"), S("sql-injection", "' OR 1=1 --"),
    ];

    private static readonly BadValue[] KeyNames =
    [
        S("empty", ""),
        S("blank", "   "),
        S("65-characters", new string('n', 65)),
        S("emoji-at-limit", new string('n', 63) + Emoji),
        S("nul", "a\u0000b"),
        S("escape", "a\u001bb"),
        S("c1-control", "\u0085x"),
        S("delete", "a\u007fb"),
        S("zero-width-only", "\u200B\u200B"),
        S("bidi-override-only", "\u202E\u202D"),
        S("taken", "secondary", 409, "key_name_taken"),
        S("taken-other-case", "SECONDARY", 409, "key_name_taken"),
    ];

    // Team names follow the key name rules but need not be unique.
    private static readonly BadValue[] TeamNames = [.. KeyNames.Where(v => v.Code == "validation_failed")];

    private static readonly BadValue[] Descriptions =
    [
        S("257-characters", new string('d', 257)),
        S("emoji-at-limit", new string('d', 255) + Emoji),
    ];

    private static readonly QuerySpec[] FromTo = [new("from", Timestamps), new("to", Timestamps)];

    public static IReadOnlyList<RouteSpec> All { get; } =
    [
        new("POST", "/v1/accounts", Credential.None)
        {
            Fields =
            [
                new("email", FieldKind.String, true, "\"@probe@\"", [.. Emails, S("taken-other-case", "  CALLER@Example.com ", 409, "email_taken")]),
                new("password", FieldKind.String, true, "\"@password@\"", NewPasswords),
            ],
            WrongMethods = ["GET", .. NoBody],
        },
        new("POST", "/v1/auth/login", Credential.None)
        {
            Fields =
            [
                new("email", FieldKind.String, true, "\"@callerEmail@\"",
                [
                    S("empty", ""), S("blank", " "), S("over-254", new string('a', 243) + "@example.com"),
                    S("unknown", "nobody@example.com", 401, "invalid_credentials"),
                    S("sql-injection", "' OR 1=1 --", 401, "invalid_credentials"),
                    S("nosql-operator-text", "{\"$gt\":\"\"}", 401, "invalid_credentials"),
                ]),
                new("password", FieldKind.String, true, "\"@password@\"",
                [
                    S("empty", ""), S("1025-characters", new string('p', 1025)), S("emoji-after-1024", new string('p', 1024) + Emoji),
                    S("wrong", "wrong password!", 401, "invalid_credentials"),
                ]),
            ],
            WrongMethods = ["GET", .. NoBody],
        },
        new("POST", "/v1/auth/refresh", Credential.None)
        {
            Fields =
            [
                RefreshTokenField(),
            ],
            WrongMethods = ["GET", .. NoBody],
        },
        new("POST", "/v1/auth/logout", Credential.None)
        {
            Fields =
            [
                RefreshTokenField(),
            ],
            WrongMethods = ["GET", .. NoBody],
        },
        new("GET", "/v1/me", Credential.CallerToken) { WrongMethods = ["POST", "PUT"] },
        new("DELETE", "/v1/me", Credential.CallerToken)
        {
            // Every case is refused before the account is touched: the suite's caller is never deleted.
            Fields =
            [
                new("password", FieldKind.String, true, "\"@password@\"",
                [
                    S("empty", ""), S("1025-characters", new string('p', 1025)), S("wrong", "wrong password!", 401, "invalid_credentials"),
                ]),
            ],
        },
        new("POST", "/v1/me/password", Credential.CallerToken)
        {
            Fields =
            [
                new("currentPassword", FieldKind.String, true, "\"@password@\"",
                [
                    S("empty", ""), S("1025-characters", new string('p', 1025)), S("wrong", "wrong password!", 401, "invalid_credentials"),
                ]),
                new("newPassword", FieldKind.String, true, "\"@password@\"", NewPasswords),
            ],
            WrongMethods = ["GET", .. NoBody],
        },
        new("GET", "/v1/sessions", Credential.CallerToken)
        {
            Query = [new("page", Pages), new("size", Sizes)],
            WrongMethods = ["POST", "PUT"],
        },
        new("DELETE", "/v1/sessions/{id}", Credential.CallerToken)
        {
            // An id of no session: a request that got through would end nothing (the caller's session stays).
            Path = "/v1/sessions/0123456789abcdef0123456789abcdef",
            Segments =
            [
                new("/v1/sessions/{value}",
                [
                    .. HostileAs(404, "session_not_found"),
                    new("unknown", "0123456789abcdef0123456789abcdef", 404, "session_not_found"),
                    new("percent-encoded-traversal", "%%..%2F..%2Fme", 404, "session_not_found"),
                ]),
            ],
            WrongMethods = ["GET", "POST", "PUT"],
        },
        new("PUT", "/v1/me/selection", Credential.CallerToken)
        {
            Fields =
            [
                new("chain", FieldKind.String, true, "\"kalp\"",
                [
                    S("empty", ""), S("unknown", "dogecoin", 404, "chain_not_found"), S("coming-soon", "ethereum", 409, "chain_not_available"),
                    .. Hostile.Select(h => S(h.Label, h.Text, 404, "chain_not_found")),
                ]),
                new("network", FieldKind.String, true, "\"testnet\"",
                [
                    S("empty", ""), S("unknown", "mainnet", 404, "network_not_found"),
                    .. Hostile.Select(h => S(h.Label, h.Text, 404, "network_not_found")),
                ]),
                new("activeKeyId", FieldKind.String, false, "\"@key@\"",
                [
                    S("other-accounts-key", "@other@", 404, "key_not_found"),
                    S("revoked", "@revoked@"),
                    S("empty", ""),
                    S("65-characters", new string('k', 65)),
                    S("emoji-at-limit", new string('k', 63) + Emoji),
                    // An id that is not id-shaped is refused for its shape (400) before any lookup.
                    .. Hostile.Select(h => S(h.Label, h.Text)),
                ]),
            ],
            WrongMethods = ["GET", "POST", "DELETE"],
        },
        new("POST", "/v1/keys", Credential.CallerToken)
        {
            Fields =
            [
                new("name", FieldKind.String, true, "\"fresh-name\"", KeyNames),
                new("description", FieldKind.String, false, "\"a description\"", Descriptions),
                new("chain", FieldKind.String, true, "\"kalp\"",
                [
                    S("unknown", "dogecoin", 404, "chain_not_found"), S("coming-soon", "ethereum", 409, "chain_not_available"),
                    S("sql-injection", "' OR 1=1 --", 404, "chain_not_found"),
                ]),
                new("network", FieldKind.String, true, "\"testnet\"",
                [
                    S("unknown", "mainnet", 404, "network_not_found"), S("sql-injection", "' OR 1=1 --", 404, "network_not_found"),
                ]),
                new("expiresAt", FieldKind.Timestamp, false, "\"2099-01-01T00:00:00Z\"",
                [
                    S("past", "2000-01-01T00:00:00Z"), S("year-1", "0001-01-01T00:00:00Z"), S("epoch", "1970-01-01T00:00:00Z"),
                    S("year-9999-end", "9999-12-31T23:59:59Z"),
                ]),
                new("rateLimitPerSecond", FieldKind.Integer, false, "10",
                    [V("zero", "0"), V("negative", "-1"), V("over-max", "1000001"), V("int64-max", "9223372036854775807")]),
                new("monthlyQuota", FieldKind.Integer, false, "1000",
                    [V("zero", "0"), V("negative", "-5"), V("over-max", "1000000000001"), V("int64-min", "-9223372036854775808")]),
                new("recoverable", FieldKind.Boolean, false, "false", []),
            ],
            WrongMethods = NoBody,
        },
        new("GET", "/v1/keys", Credential.CallerToken)
        {
            Query =
            [
                new("status", [.. HostileAs(400, "validation_failed"), new BadValue("unknown", "revokedd", 400, "validation_failed"),
                    new BadValue("empty", "", 400, "validation_failed")]),
                new("page", Pages),
                new("size", Sizes),
            ],
        },
        new("GET", "/v1/keys/{id}", Credential.CallerToken)
        {
            Path = "/v1/keys/@key@",
            Segments = [new("/v1/keys/{value}", KeyIds())],
            WrongMethods = ["PUT", "DELETE"],
        },
        new("PATCH", "/v1/keys/{id}", Credential.CallerToken)
        {
            Path = "/v1/keys/@key@",
            Fields =
            [
                new("name", FieldKind.String, false, "\"renamed\"", KeyNames),
                new("description", FieldKind.String, false, "\"new description\"", Descriptions),
            ],
            Segments = [new("/v1/keys/{value}", KeyIds(), "{\"name\":\"renamed\"}")],
        },
        new("POST", "/v1/keys/{id}/revoke", Credential.CallerToken)
        {
            Path = "/v1/keys/@revoked@/revoke",
            Segments = [new("/v1/keys/{value}/revoke", KeyIds())],
            WrongMethods = ["GET", "DELETE"],
        },
        new("POST", "/v1/keys/{id}/roll", Credential.CallerToken)
        {
            Path = "/v1/keys/@key@/roll",
            BodyOptional = true,
            Fields =
            [
                new("gracePeriodSeconds", FieldKind.Integer, false, "60",
                    [V("negative", "-1"), V("over-max", "604801"), V("int64-max", "9223372036854775807")]),
            ],
            Segments = [new("/v1/keys/{value}/roll", KeyIds(), "{\"gracePeriodSeconds\":60}")],
            WrongMethods = ["GET", "DELETE"],
        },
        new("POST", "/v1/keys/{id}/reveal", Credential.CallerToken)
        {
            Path = "/v1/keys/@recoverable@/reveal",
            Fields =
            [
                new("password", FieldKind.String, true, "\"@password@\"",
                [
                    S("empty", ""), S("1025-characters", new string('p', 1025)), S("wrong", "wrong password!", 401, "invalid_credentials"),
                ]),
            ],
            Segments = [new("/v1/keys/{value}/reveal", KeyIds(), "{\"password\":\"@password@\"}")],
            WrongMethods = ["GET", "DELETE"],
        },
        new("GET", "/v1/keys/{id}/usage", Credential.CallerToken)
        {
            Path = "/v1/keys/@key@/usage",
            Query = FromTo,
            Segments = [new("/v1/keys/{value}/usage", KeyIds())],
            WrongMethods = ["POST", "DELETE"],
        },
        new("GET", "/v1/keys/{id}/activity", Credential.CallerToken)
        {
            Path = "/v1/keys/@key@/activity",
            Query = [.. FromTo, new("page", Pages), new("size", Sizes)],
            Segments = [new("/v1/keys/{value}/activity", KeyIds())],
            WrongMethods = ["POST", "PUT", "PATCH", "DELETE"],
        },
        new("GET", "/v1/audit", Credential.CallerToken)
        {
            Query =
            [
                .. FromTo, new("page", Pages), new("size", Sizes),
                new("keyId", [new("blank", " ", 400, "validation_failed"), .. Hostile.Select(h => new BadValue(h.Label, h.Text, 400, "validation_failed"))]),
                new("actor", [new("blank", " ", 400, "validation_failed"), .. Hostile.Select(h => new BadValue(h.Label, h.Text, 400, "validation_failed"))]),
                new("action",
                [
                    new("unknown", "key.teleported", 400, "validation_failed"), new("upper-case", "KEY.CREATED", 400, "validation_failed"),
                    new("blank", " ", 400, "validation_failed"), new("sql-injection", "' OR 1=1 --", 400, "validation_failed"),
                ]),
            ],
            WrongMethods = ["POST", "PUT", "PATCH", "DELETE"],
        },
        new("GET", "/v1/usage/summary", Credential.CallerToken) { Query = FromTo, WrongMethods = ["POST", "DELETE"] },
        new("GET", "/v1/usage/timeseries", Credential.CallerToken)
        {
            Query =
            [
                .. FromTo,
                new("interval", [new("second", "second", 400, "validation_failed"), new("plural", "minutes", 400, "validation_failed"),
                    new("empty", "", 400, "validation_failed"), new("sql-injection", "' OR 1=1 --", 400, "validation_failed")]),
                new("keyId",
                [
                    new("other-accounts-key", "@other@", 404, "key_not_found"),
                    new("unknown", "AAAAAAAAAAA", 404, "key_not_found"),
                    new("blank", " ", 400, "validation_failed"),
                    new("empty", "", 400, "validation_failed"),
                    .. Hostile.Select(h => new BadValue(h.Label, h.Text, 400, "validation_failed")),
                ]),
            ],
            WrongMethods = ["POST", "DELETE"],
        },
        new("GET", "/v1/usage/rejections", Credential.CallerToken)
        {
            Query = [.. FromTo, new("page", Pages), new("size", Sizes)],
            WrongMethods = ["POST", "DELETE"],
        },
        new("POST", "/v1/teams", Credential.CallerToken)
        {
            Fields = [new("name", FieldKind.String, true, "\"bad-input-team\"", TeamNames)],
            WrongMethods = ["PUT", "DELETE"],
        },
        new("GET", "/v1/teams", Credential.CallerToken) { Query = [new("page", Pages), new("size", Sizes)], WrongMethods = ["PUT", "DELETE"] },
        new("GET", "/v1/teams/{teamId}", Credential.CallerToken)
        {
            Path = "/v1/teams/@team@",
            Segments = [new("/v1/teams/{value}", TeamIds())],
            WrongMethods = ["POST", "DELETE"],
        },
        new("POST", "/v1/teams/{teamId}/invitations", Credential.CallerToken)
        {
            Path = "/v1/teams/@team@/invitations",
            Fields =
            [
                new("email", FieldKind.String, true, "\"invitee@example.com\"", Emails),
                new("role", FieldKind.String, true, "\"viewer\"", TeamRoles),
            ],
            Segments = [new("/v1/teams/{value}/invitations", TeamIds(), "{\"email\":\"invitee@example.com\",\"role\":\"viewer\"}")],
            WrongMethods = ["GET", "DELETE"],
        },
        new("PATCH", "/v1/teams/{teamId}/members/{accountId}", Credential.CallerToken)
        {
            Path = "/v1/teams/@team@/members/@callerAccount@",
            Fields = [new("role", FieldKind.String, true, "\"owner\"", TeamRoles)],
            Segments =
            [
                new("/v1/teams/{value}/members/@callerAccount@", TeamIds(), "{\"role\":\"owner\"}"),
                new("/v1/teams/@team@/members/{value}",
                [
                    .. HostileAs(404, "member_not_found"),
                    new("other-account", "@otherAccount@", 404, "member_not_found"),
                    new("percent-encoded-traversal", "%%..%2F..%2Fme", 404, "member_not_found"),
                ], "{\"role\":\"owner\"}"),
            ],
            WrongMethods = ["GET", "POST"],
        },
        new("DELETE", "/v1/teams/{teamId}/members/{accountId}", Credential.CallerToken)
        {
            Path = "/v1/teams/@team@/members/@otherAccount@",
            Segments =
            [
                new("/v1/teams/{value}/members/@callerAccount@", TeamIds()),
                new("/v1/teams/@team@/members/{value}",
                [
                    .. HostileAs(404, "member_not_found"),
                    new("other-account", "@otherAccount@", 404, "member_not_found"),
                ]),
            ],
            WrongMethods = ["GET", "POST"],
        },
        new("POST", "/v1/invitations/accept", Credential.CallerToken)
        {
            Fields =
            [
                new("token", FieldKind.String, true, "\"ksq_inv_unknown\"",
                [
                    S("empty", ""), S("blank", "   "),
                    S("unknown", "ksq_inv_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 404, "invitation_not_found"),
                    S("sql-injection", "' OR 1=1 --", 404, "invitation_not_found"),
                    S("long", new string('t', 20_000), 404, "invitation_not_found"),
                ]),
            ],
            WrongMethods = ["GET", "DELETE"],
        },
        new("GET", "/v1/chains", Credential.None) { WrongMethods = ["POST", "PUT", "DELETE"] },
        new("GET", "/v1/chains/{chain}/networks/{network}/apis", Credential.None)
        {
            Path = "/v1/chains/kalp/networks/testnet/apis",
            Segments =
            [
                new("/v1/chains/{value}/networks/testnet/apis",
                    [.. HostileAs(404, "chain_not_found"), new("unknown", "dogecoin", 404, "chain_not_found")]),
                new("/v1/chains/kalp/networks/{value}/apis",
                    [.. HostileAs(404, "network_not_found"), new("unknown", "mainnet", 404, "network_not_found")]),
                new("/v1/chains/{value}/networks/mainnet/apis", [new("coming-soon", "ethereum", 409, "chain_not_available")]),
            ],
            WrongMethods = ["POST", "DELETE"],
        },
        new("GET", "/openapi/{documentName:regex(^v1$)}.json", Credential.None)
        {
            Path = "/openapi/v1.json",
            Segments = [new("/openapi/{value}.json", [.. HostileAs(404, "not_found"), new("unknown", "v2", 404, "not_found")])],
            WrongMethods = ["POST", "DELETE"],
        },
        new("*", "/health", Credential.None),
        new("*", "/health/live", Credential.None),
        new("*", "/health/ready", Credential.None),
        new("GET", "/scalar/{documentName?}", Credential.None) { Path = "/scalar/v1", WrongMethods = ["POST", "DELETE"] },
        new("GET", "/scalar/scalar.js", Credential.None) { WrongMethods = ["POST", "DELETE"] },
        new("GET", "/scalar/scalar.aspnetcore.js", Credential.None) { WrongMethods = ["POST", "DELETE"] },
        new("GET", "/scalar/favicon.svg", Credential.None) { WrongMethods = ["POST", "DELETE"] },
    ];
}
