using System.Globalization;
using System.Text.Json.Nodes;
using KsQuery.Plugins.Abstractions;
using Microsoft.OpenApi;

namespace KsQuery.Host.OpenApi;

/// <summary>The error answers of a chain API (docs/api.md, Chain query APIs): the host's own refusals (key, scope,
/// parameters, limits, a plugin that is not running) merged with the plugin's declared <see cref="ApiDescriptor.Failures"/>.
/// Each status is declared only where the API can give it, with every <c>code</c> it can carry: listed in the
/// description and as an enum on <c>code</c> over the shared <c>Problem</c> schema. Every answer once the key is known
/// carries the <c>RateLimit-*</c> headers.</summary>
internal static class ChainApiResponses
{
    private static readonly ApiFailure[] KeyRefusals =
    [
        new(401, "key_missing", "no key in `X-Api-Key` or `Authorization: Bearer`"),
        new(401, "key_invalid", "malformed, bad checksum, unknown, or wrong secret"),
        new(401, "key_revoked", "the key was revoked"),
        new(401, "key_expired", "the key is past its expiry"),
        new(401, "key_disabled", "the account of the key is disabled (by an operator)"),
        new(403, "key_scope_mismatch", "the key belongs to another chain or network"),
        new(403, "key_restricted", "the call is outside the key's restrictions; `restriction` says which: `ip`, `origin`, `user_agent` or `api`"),
        new(429, "rate_limited", "over the key's per-second limit; retry after `Retry-After` seconds"),
        new(429, "quota_exceeded", "over the key's monthly quota; retry after `Retry-After` seconds"),
        new(503, "upstream_unavailable", "the chain's plugin is not running (see /health), or the network cannot be served yet (coming soon, e.g. no upstream configured: see /v1/chains)"),
    ];

    private static readonly ApiFailure ParameterInvalid =
        new(400, "validation_failed", "a parameter is missing or breaks its type, pattern or range (`errors` names it)");

    private static readonly ApiFailure BodyMalformed =
        new(400, "malformed_json", "the body is not JSON (or holds half a surrogate pair); also when a required body is missing");

    private static readonly ApiFailure BodyTooLarge = new(413, "payload_too_large", "the body is over 64 KiB");

    public static void AddTo(OpenApiOperation operation, ApiDescriptor? api, OpenApiDocument? document)
    {
        operation.Responses ??= [];
        foreach (var (status, failures) in FailuresOf(api))
        {
            var codes = failures.Select(f => f.Code).Distinct(StringComparer.Ordinal).ToList();
            var response = new OpenApiResponse
            {
                Description = string.Join("; ", failures.GroupBy(f => f.Code, StringComparer.Ordinal)
                    .Select(g => $"`{g.Key}`: {string.Join("; or ", g.Select(f => f.Description.TrimEnd('.')).Distinct(StringComparer.Ordinal))}")),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [KsQueryComponents.ProblemMediaType] = new() { Schema = ProblemWith(codes, document) },
                },
            };
            if (status != 401)
                // A 503 carries Retry-After when the plugin knows when to try again (ApiError.RetryAfter: an upstream paused).
                AddRateLimitHeaders(response, retryAfter: status is 429 or 503, document);
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = response;
        }
        // The success answer is the chain API's own (its plugin describes the body); the headers are the host's.
        OperationCredentials.Declare(operation, "200", "Success");
        if (operation.Responses["200"] is OpenApiResponse success)
            AddRateLimitHeaders(success, retryAfter: false, document);
    }

    /// <summary>Every status the API can answer with, ascending, each with its failures (the host's first).</summary>
    private static IEnumerable<(int Status, List<ApiFailure> Failures)> FailuresOf(ApiDescriptor? api)
    {
        var all = new List<ApiFailure>(KeyRefusals);
        // A plugin that declares nothing is described by what any API may answer.
        if (api is null || api.Parameters.Count > 0 || api.Failures is null)
            all.Add(ParameterInvalid);
        if (api is null || api.Method == ApiMethod.Post)
        {
            all.Add(BodyMalformed);
            all.Add(BodyTooLarge);
        }
        all.AddRange(api?.Failures ?? []);
        return all.GroupBy(f => f.Status).OrderBy(g => g.Key).Select(g => (g.Key, g.ToList()));
    }

    /// <summary>The shared Problem with the codes this answer can carry.</summary>
    private static OpenApiSchema ProblemWith(IReadOnlyList<string> codes, OpenApiDocument? document) => new()
    {
        AllOf =
        [
            new OpenApiSchemaReference(KsQueryComponents.Problem, document),
            new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. codes.Select(c => (JsonNode)JsonValue.Create(c))] },
                },
            },
        ],
    };

    public static void AddRateLimitHeaders(OpenApiResponse response, bool retryAfter, OpenApiDocument? document)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var name in (string[])[KsQueryComponents.RateLimitLimit, KsQueryComponents.RateLimitRemaining,
                     KsQueryComponents.RateLimitReset, KsQueryComponents.RateLimitPolicy])
            response.Headers[name] = KsQueryComponents.Header(name, document);
        if (retryAfter)
            response.Headers[KsQueryComponents.RetryAfter] = KsQueryComponents.Header(KsQueryComponents.RetryAfter, document);
    }
}
