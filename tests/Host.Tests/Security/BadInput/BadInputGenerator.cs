using System.Text;
using static Host.Tests.Security.BadInput.BadValues;

namespace Host.Tests.Security.BadInput;

/// <summary>Makes bad requests from <see cref="RouteSpec"/>s with a seeded <see cref="Random"/>: the same seed gives the
/// same cases, in the same order, with the same names, on every machine. Every route gets at least one case (round robin
/// first), then routes are drawn in proportion to how many kinds of wrong input they have. Each case carries the answer
/// docs/api.md gives it; the families are listed in docs/security.md ("The bad-input suite").</summary>
public static class BadInputGenerator
{
    public const int Seed = 20261203;
    public const int Count = 420;

    /// <summary>A way to make a route's input wrong; <see cref="Make"/> draws what it needs from the generator's random
    /// source (a cut position, a depth, a size) and names it in the case.</summary>
    private sealed record Candidate(string Label, Func<Random, BadInputCase> Make);

    public static IReadOnlyList<BadInputCase> Generate(IReadOnlyList<RouteSpec> routes, int seed = Seed, int count = Count)
    {
        var random = new Random(seed);
        var pools = routes.Select(r => Candidates(r).ToList()).ToList();
        var weights = pools.Select(p => Math.Sqrt(p.Count)).ToArray();
        var total = weights.Sum();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var cases = new List<BadInputCase>(count);
        for (var attempt = 0; cases.Count < count && attempt < count * 50; attempt++)
        {
            var index = attempt < routes.Count ? attempt : Draw(random, weights, total);
            var pool = pools[index];
            if (pool.Count == 0)
                continue;
            var made = pool[random.Next(pool.Count)].Make(random);
            if (!names.Add(made.Route + " | " + made.Name))
                continue;
            cases.Add(made with { Name = $"gen-{cases.Count:D3} {made.Route} | {made.Name}" });
        }
        return cases;
    }

    private static int Draw(Random random, double[] weights, double total)
    {
        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
            if ((x -= weights[i]) < 0)
                return i;
        return weights.Length - 1;
    }

    private static IEnumerable<Candidate> Candidates(RouteSpec route)
    {
        if (route.Fields.Count > 0)
            foreach (var candidate in BodyCandidates(route))
                yield return candidate;
        if (route.IsChainApi && route.Method == "POST")
            foreach (var candidate in ChainBodyCandidates(route))
                yield return candidate;

        foreach (var query in route.Query)
        foreach (var value in query.BadValues)
            yield return Fixed($"query {query.Name}: {value.Label}", route, value.Status, value.Code,
                path: AppendQuery(route.ValidPath, query.Name, value.Raw));

        foreach (var segment in route.Segments)
        foreach (var value in segment.BadValues)
            yield return Fixed($"segment {SegmentName(segment)}: {value.Label}", route, value.Status, value.Code,
                path: segment.Template.Replace("{value}", Encode(value.Raw)), body: segment.Body);

        foreach (var method in route.WrongMethods)
            yield return Fixed($"method {method}", route, 405, "method_not_allowed", method: method);

        if (route.Fields.Count == 0)
            yield return new Candidate("huge body", random =>
            {
                var size = random.Next(64 * 1024 + 1, 400_000);
                return Case(route, $"body of {size} bytes", 413, "payload_too_large", body: new string('x', size), contentType: "application/octet-stream");
            });

        if (route.IsChainApi)
        {
            foreach (var (from, to, low, high) in ChainRoutes.RangePairs(route))
                yield return Fixed($"range {from} after {to}", route, 400, "validation_failed",
                    path: AppendQuery(AppendQuery(route.ValidPath, from, high), to, low));
            yield return Fixed("key: revoked", route, 401, "key_revoked", credential: Credential.RevokedKey);
            yield return Fixed("key: none", route, 401, "key_missing", credential: Credential.None);
            yield return Fixed("key: in the query string only", route, 401, "key_missing", credential: Credential.None,
                path: AppendQuery(route.ValidPath, "apiKey", "@keyPlain@"));
            yield return Fixed("key: dashboard access token as key", route, 401, "key_invalid", credential: Credential.None,
                headers: new Dictionary<string, string> { ["Authorization"] = "Bearer @token@" });
            yield return new Candidate("key: invented", random =>
            {
                const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
                var body = new string(Enumerable.Range(0, 48).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
                return Case(route, $"key: invented ksq_test_{body[..6]}...", 401, "key_invalid", credential: Credential.None,
                    headers: new Dictionary<string, string> { ["X-Api-Key"] = "ksq_test_" + body });
            });
        }
    }

    private static string SegmentName(SegmentSpec segment)
    {
        var at = segment.Template.IndexOf("{value}", StringComparison.Ordinal);
        var before = segment.Template[..at].TrimEnd('/');
        return before[(before.LastIndexOf('/') + 1)..] + "/{value}";
    }

    private static IEnumerable<Candidate> BodyCandidates(RouteSpec route)
    {
        var valid = route.Fields.Select(f => (f.Name, Json: f.ValidJson)).ToList();
        var firstString = route.Fields.FirstOrDefault(f => f.Kind == FieldKind.String);

        yield return new Candidate("truncated JSON", random =>
        {
            var body = Compose(valid);
            var cut = random.Next(1, body.Length);
            return Case(route, $"truncated JSON, cut at {cut} of {body.Length}", 400, "malformed_json", body: body[..cut]);
        });

        foreach (var field in route.Fields)
        {
            foreach (var (label, json) in WrongKinds(field.Kind))
                yield return Fixed($"{field.Name}: wrong type, {label}", route, 400, "malformed_json",
                    body: Compose(With(valid, field.Name, json)));
            if (field.Required)
            {
                var required = field.Name;
                yield return Fixed($"{field.Name}: missing", route, 400, "validation_failed", body: Compose(valid.Where(f => f.Name != required)));
                yield return Fixed($"{field.Name}: null", route, 400, "validation_failed", body: Compose(With(valid, field.Name, "null")));
            }
            foreach (var value in field.BadValues)
                yield return Fixed($"{field.Name}: {value.Label}", route, value.Status, value.Code,
                    body: Compose(With(valid, field.Name, value.Raw)));
            if (field.Kind == FieldKind.String)
            {
                foreach (var (label, surrogates) in LoneSurrogates)
                    yield return Fixed($"{field.Name}: {label}", route, 400, "malformed_json", body: Compose(With(valid, field.Name, Json(surrogates))));
                foreach (var (label, bytes) in NotUtf8)
                    yield return Fixed($"{field.Name}: bytes that are not UTF-8, {label}", route, 400, "malformed_json",
                        body: Compose(With(valid, field.Name, "\"ab@bytes@cd\"")), bytes: bytes);
            }
            var nested = field.Name;
            yield return new Candidate($"{field.Name}: deeply nested", random =>
            {
                var depth = random.Next(2, 20_000);
                return Case(route, $"{nested}: nested {depth} deep", 400, "malformed_json",
                    body: Compose(With(valid, nested, new string('[', depth) + new string(']', depth))));
            });
        }

        // Unknown fields never grant anything: with a required field left out the answer is still 400, not a write.
        var extras = new (string, string)[]
        {
            ("isAdmin", "true"), ("accountId", "\"@otherAccount@\""), ("id", "\"@other@\""), ("status", "\"revoked\""),
            ("$where", "\"1 == 1\""), ("__proto__", "{\"admin\":true}"),
        };
        if (route.Fields.FirstOrDefault(f => f.Required) is { } dropped)
            yield return Fixed($"extra fields, {dropped.Name} missing", route, 400, "validation_failed",
                body: Compose([.. valid.Where(f => f.Name != dropped.Name), .. extras]));
        else if (route.Fields.FirstOrDefault(f => f.BadValues.Count > 0) is { } spoiled)
            yield return Fixed($"extra fields, {spoiled.Name} {spoiled.BadValues[0].Label}", route, spoiled.BadValues[0].Status,
                spoiled.BadValues[0].Code, body: Compose([.. With(valid, spoiled.Name, spoiled.BadValues[0].Raw), .. extras]));

        yield return new Candidate("body over 64 KiB", random =>
        {
            var size = random.Next(64 * 1024 + 1, 400_000);
            var padded = firstString is null ? [.. valid, ("pad", "\"\"")] : valid;
            var target = firstString?.Name ?? "pad";
            var body = Compose(With(padded, target, "\"" + new string('x', size) + "\""));
            return Case(route, $"body of {body.Length} bytes", 413, "payload_too_large", body: body);
        });

        foreach (var contentType in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x" })
            yield return Fixed($"content type {contentType}", route, 415, "unsupported_media_type", body: Compose(valid), contentType: contentType);
        yield return Fixed("no content type", route, 415, "unsupported_media_type", body: Compose(valid), contentType: null);

        var notObjects = new List<(string, string)> { ("array", "[]"), ("string", "\"text\""), ("number", "123"), ("boolean", "true") };
        if (!route.BodyOptional)
            notObjects.AddRange([("JSON null", "null"), ("empty", "")]);
        foreach (var (label, body) in notObjects)
            yield return Fixed($"body: {label}", route, 400, "malformed_json", body: body);

        var text = Compose(valid);
        yield return Fixed("syntax: trailing comma", route, 400, "malformed_json", body: text[..^1] + ",}");
        yield return Fixed("syntax: comment", route, 400, "malformed_json", body: "{/* x */" + text[1..]);
        yield return Fixed("syntax: unquoted name", route, 400, "malformed_json", body: "{" + valid[0].Name + text[(valid[0].Name.Length + 3)..]);
        yield return Fixed("syntax: single quotes", route, 400, "malformed_json", body: text.Replace('"', '\''));
        yield return Fixed("syntax: two objects", route, 400, "malformed_json", body: text + text);
        if (route.Fields.FirstOrDefault(f => f.Kind == FieldKind.Integer) is { } number)
            foreach (var (label, json) in new[] { ("NaN", "NaN"), ("Infinity", "Infinity"), ("leading zero", "007"), ("plus sign", "+5"), ("hex", "0x10") })
                yield return Fixed($"{number.Name}: {label}", route, 400, "malformed_json", body: Compose(With(valid, number.Name, json)));
    }

    /// <summary>Bodies of chain APIs: the host parses them before the plugin sees them.</summary>
    private static IEnumerable<Candidate> ChainBodyCandidates(RouteSpec route)
    {
        const string body = "{\"walletAddress\":\"3f1c9a7be4d2c08a61f5e9b7d3a2c4e6f8091b2d\",\"args\":{\"account\":\"9d2e41b07c3a58f6e1d4a2b9c7e05f3d8a6b1c42\"}}";
        yield return new Candidate("truncated JSON", random =>
        {
            var cut = random.Next(1, body.Length);
            return Case(route, $"truncated JSON, cut at {cut} of {body.Length}", 400, "malformed_json", body: body[..cut]);
        });
        yield return new Candidate("deeply nested", random =>
        {
            var depth = random.Next(65, 30_000);
            return Case(route, $"nested {depth} deep", 400, "malformed_json",
                body: "{\"args\":" + new string('[', depth) + new string(']', depth) + "}");
        });
        foreach (var (label, bytes) in NotUtf8)
            yield return Fixed($"bytes that are not UTF-8, {label}", route, 400, "malformed_json",
                body: "{\"walletAddress\":\"ab@bytes@cd\"}", bytes: bytes);
        foreach (var (label, text) in LoneSurrogates)
        {
            yield return Fixed($"walletAddress: {label}", route, 400, "malformed_json", body: "{\"walletAddress\":" + Json(text) + "}");
            yield return Fixed($"args value: {label}", route, 400, "malformed_json", body: "{\"args\":{\"account\":" + Json(text) + "}}");
            yield return Fixed($"property name: {label}", route, 400, "malformed_json", body: "{" + Json(text) + ":1}");
        }
        yield return new Candidate("body over 64 KiB", random =>
        {
            var size = random.Next(64 * 1024 + 1, 400_000);
            return Case(route, $"body of {size + 20} bytes", 413, "payload_too_large", body: "{\"walletAddress\":\"" + new string('a', size) + "\"}");
        });
        yield return Fixed("syntax: trailing comma", route, 400, "malformed_json", body: body[..^1] + ",}");
        yield return Fixed("syntax: single quotes", route, 400, "malformed_json", body: body.Replace('"', '\''));
    }

    private static readonly (string Label, string Text)[] LoneSurrogates =
    [
        ("lone high surrogate", "\ud800"),
        ("lone low surrogate", "\udc00"),
        ("high surrogate cut at the end", "abc\ud83d"),
        ("low surrogate first", "\ude00abc"),
        ("surrogates reversed", "\ude00\ud83d"),
    ];

    private static readonly (string Label, byte[] Bytes)[] NotUtf8 =
    [
        ("0xFF", [0xFF]),
        ("lone lead byte", [0xC3]),
        ("encoded surrogate", [0xED, 0xA0, 0x80]),
        ("overlong slash", [0xC0, 0xAF]),
    ];

    private static IEnumerable<(string Label, string Json)> WrongKinds(FieldKind kind) => kind switch
    {
        FieldKind.String => [("number", "123"), ("boolean", "true"), ("array", "[\"a\"]"), ("object", "{\"a\":1}")],
        FieldKind.Integer =>
        [
            ("boolean", "true"), ("array", "[1]"), ("object", "{}"), ("fraction", "1.5"),
            ("number as string", "\"5\""), ("int64 overflow", "9223372036854775808"), ("exponent overflow", "1e400"),
        ],
        FieldKind.Boolean => [("string", "\"true\""), ("number", "1"), ("array", "[]")],
        FieldKind.Timestamp =>
        [
            ("number", "1700000000"), ("boolean", "false"), ("not a date", "\"tomorrow\""),
            ("feb 30", "\"2030-02-30T00:00:00Z\""), ("overflowing offset", "\"9999-12-31T23:59:59-05:00\""),
            ("underflowing offset", "\"0001-01-01T00:00:00+05:00\""),
        ],
        _ => [],
    };

    private static string Compose(IEnumerable<(string Name, string Json)> fields) =>
        "{" + string.Join(",", fields.Select(f => Json(f.Name) + ":" + f.Json)) + "}";

    private static List<(string Name, string Json)> With(IEnumerable<(string Name, string Json)> fields, string name, string json) =>
        [.. fields.Select(f => f.Name == name ? (f.Name, json) : f)];

    private static string AppendQuery(string path, string name, string value) =>
        path + (path.Contains('?') ? "&" : "?") + Uri.EscapeDataString(name) + "=" + Encode(value);

    private static Candidate Fixed(string label, RouteSpec route, int status, string code,
        string? path = null, string? body = null, byte[]? bytes = null, string? contentType = "application/json", string? method = null,
        Credential? credential = null, IReadOnlyDictionary<string, string>? headers = null) =>
        new(label, _ => Case(route, label, status, code, path, body, bytes, contentType, method, credential, headers));

    private static BadInputCase Case(RouteSpec route, string name, int status, string code,
        string? path = null, string? body = null, byte[]? bytes = null, string? contentType = "application/json", string? method = null,
        Credential? credential = null, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Name = name,
        Route = route.Route,
        Method = method ?? (route.Method == "*" ? "GET" : route.Method),
        Path = path ?? route.ValidPath,
        As = credential ?? route.As,
        Body = body,
        BodyBytes = bytes,
        ContentType = body is null ? null : contentType,
        Headers = headers,
        Status = status,
        Code = code,
    };

    /// <summary>The body as sent: UTF-8 text with <see cref="BadInputCase.BodyBytes"/> in place of each <c>@bytes@</c>.</summary>
    public static byte[] Bytes(string body, byte[]? bytes)
    {
        if (bytes is null)
            return Encoding.UTF8.GetBytes(body);
        var parts = body.Split("@bytes@");
        var result = new List<byte>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
                result.AddRange(bytes);
            result.AddRange(Encoding.UTF8.GetBytes(parts[i]));
        }
        return [.. result];
    }
}
