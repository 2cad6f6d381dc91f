using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace KsQuery.Host.OpenApi;

/// <summary>The answers every chain API can give besides its own success (docs/api.md, Chain query APIs): the key refusals,
/// the catalog's 404s, the limits (with <c>Retry-After</c>) and the upstream's failures. Every answer once the key is
/// known carries the <c>RateLimit-*</c> headers.</summary>
internal static class ChainApiResponses
{
    private static readonly (string Status, string Description, bool KeyKnown)[] Refusals =
    [
        ("400", "validation_failed: a parameter breaks its pattern or range (`errors` names it); malformed_json for a bad body", true),
        ("401", "key_missing, key_invalid, key_revoked or key_expired", false),
        ("403", "key_scope_mismatch: the key belongs to another chain or network", true),
        ("404", "api_not_found, or the thing asked for does not exist (block_not_found, transaction_not_found, contract_not_found, ...)", true),
        ("429", "rate_limited: over the key's per-second limit; quota_exceeded: over its monthly quota. Retry after `Retry-After` seconds", true),
        ("502", "upstream_unavailable: the chain source failed", true),
        ("503", "upstream_unavailable: the chain source is not running or timed out", true),
    ];

    public static void AddTo(OpenApiOperation operation)
    {
        operation.Responses ??= [];
        foreach (var (status, description, keyKnown) in Refusals)
        {
            OperationCredentials.Declare(operation, status, description);
            if (keyKnown && operation.Responses[status] is OpenApiResponse response)
                AddRateLimitHeaders(response, retryAfter: status == "429");
        }
        // The success answer is the chain API's own (its plugin describes the body); the headers are the host's.
        OperationCredentials.Declare(operation, "200", "Success");
        if (operation.Responses["200"] is OpenApiResponse success)
            AddRateLimitHeaders(success, retryAfter: false);
    }

    public static void AddRateLimitHeaders(OpenApiResponse response, bool retryAfter)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers["RateLimit-Limit"] = IntegerHeader("The request limit of the window that applies (see `RateLimit-Policy`).");
        response.Headers["RateLimit-Remaining"] = IntegerHeader("Requests left in that window.");
        response.Headers["RateLimit-Reset"] = IntegerHeader("Seconds until that window resets (at least 1).");
        response.Headers["RateLimit-Policy"] = new OpenApiHeader
        {
            Description = "Every limit of the key (its per-second limit, and its monthly quota when it has one).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        if (retryAfter)
            response.Headers["Retry-After"] = IntegerHeader("Seconds to wait before trying again (at least 1).");
    }

    private static OpenApiHeader IntegerHeader(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0", Examples = [JsonValue.Create(1)] },
    };
}
