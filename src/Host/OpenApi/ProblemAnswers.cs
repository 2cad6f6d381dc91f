using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace KsQuery.Host.OpenApi;

/// <summary>Declares every refusal of a dashboard or public operation with the <c>code</c> values it can carry
/// (docs/api.md): those the endpoint names with <see cref="ProblemCodes"/>, 401 <c>unauthenticated</c> on dashboard
/// routes, and on routes with a body 400 <c>malformed_json</c>/<c>bad_request</c>, 413 <c>payload_too_large</c> and 415
/// <c>unsupported_media_type</c> (HttpConventions and its exception handler). Each answer references the one
/// <c>Problem</c> schema and carries one example per code, named by it; 429 and 503 carry <c>Retry-After</c>.</summary>
internal static class ProblemAnswers
{
    public static void AddTo(OpenApiOperation operation, IList<object> metadata, RouteAccess access, OpenApiDocument? document)
    {
        var codes = new SortedDictionary<int, List<string>>();
        void Add(int status, IEnumerable<string> values)
        {
            if (!codes.TryGetValue(status, out var list))
                codes[status] = list = [];
            list.AddRange(values.Where(v => !list.Contains(v)));
        }

        if (access == RouteAccess.Dashboard)
            Add(StatusCodes.Status401Unauthorized, ["unauthenticated"]);
        foreach (var declared in metadata.OfType<ProblemCodes>())
            Add(declared.Status, declared.Codes);
        if (operation.RequestBody is not null)
        {
            Add(StatusCodes.Status400BadRequest, ["malformed_json", "bad_request"]);
            Add(StatusCodes.Status413PayloadTooLarge, ["payload_too_large"]);
            Add(StatusCodes.Status415UnsupportedMediaType, ["unsupported_media_type"]);
        }

        operation.Responses ??= [];
        foreach (var (status, values) in codes)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = new OpenApiResponse
            {
                Description = Describe(status, values),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [KsQueryComponents.ProblemMediaType] = new()
                    {
                        Schema = new OpenApiSchemaReference(KsQueryComponents.Problem, document),
                        Examples = values.ToDictionary(code => code, code => (IOpenApiExample)new OpenApiExample
                        {
                            Summary = code,
                            Value = new JsonObject
                            {
                                ["title"] = ReasonPhrases.GetReasonPhrase(status),
                                ["status"] = status,
                                ["code"] = code,
                            },
                        }),
                    },
                },
            };
            if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    [KsQueryComponents.RetryAfter] = KsQueryComponents.Header(KsQueryComponents.RetryAfter, document),
                };
            operation.Responses[key] = response;
        }

        // Successes first, then the refusals by status, as a reader looks for them.
        var ordered = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (status, response) in ordered)
            operation.Responses[status] = response;
    }

    private static string Describe(int status, List<string> codes)
    {
        var quoted = codes.Select(c => $"`{c}`").ToList();
        var list = quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted[..^1]) + " or " + quoted[^1];
        var text = $"{ReasonPhrases.GetReasonPhrase(status)}: problem details with `code` {list}.";
        return status switch
        {
            StatusCodes.Status401Unauthorized when codes.Contains("unauthenticated") =>
                text + " `unauthenticated`: no valid access token in `Authorization: Bearer <accessToken>`.",
            StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable => text + " Retry after `Retry-After` seconds.",
            _ => text,
        };
    }
}
