using Microsoft.OpenApi;

namespace KsQuery.Host.OpenApi;

internal static class OpenApiSetup
{
    /// <summary>The one document this host describes. Other names are not routed, so they get routing's 404 as problem
    /// details like any unknown path; MapOpenApi's own answer for an unknown name is a text/plain 404.</summary>
    public const string DocumentRoute = "/openapi/{documentName:regex(^v1$)}.json";

    public static WebApplication MapKsQueryOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentRoute);
        return app;
    }

    private const string Description = """
        KS Query is a self-hosted gateway for blockchain query APIs.

        **Flow:** sign up (`POST /v1/accounts`), log in (`POST /v1/auth/login`) and send the access token as
        `Authorization: Bearer <token>` to the dashboard routes; select a chain and network (`PUT /v1/me/selection`);
        create an API key (`POST /v1/keys`; the plaintext key is shown once); list the network's APIs
        (`GET /v1/chains/{chain}/networks/{network}/apis`) and call them with the key in `X-Api-Key`
        (or `Authorization: Bearer <key>`, never in the query string); watch usage per key.

        **Errors** are RFC 9457 problem details with a stable `code` and a `traceId`. Bad input answers 400
        `validation_failed` with an `errors` map; malformed or missing JSON bodies answer 400 `malformed_json`
        (a value of the wrong JSON type counts as malformed); bodies over 64 KiB answer 413 `payload_too_large`.
        Lists that can grow are paged with `page` (1..1000000) and `size` (1..100, default 20). Timestamps, in queries and
        bodies, are ISO-8601 (UTC unless an offset is given) between 1970-01-01T00:00:00Z and 9999-01-01T00:00:00Z.
        """;

    public static IServiceCollection AddKsQueryOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddOperationTransformer<OperationCredentials>();
            options.AddSchemaTransformer<ModelSchemas>();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "KS Query",
                    Version = "v1",
                    Description = Description,
                    // No licence file is shipped with the repository: the code is not offered under an open licence.
                    License = new OpenApiLicense { Name = "Proprietary" },
                    Contact = new OpenApiContact { Name = "The operator of this KS Query server" },
                };
                // The framework lists the request's own scheme and Host header as the server: a hostile Host would be served
                // (and cached) back. "/" is relative: clients resolve it against the document's own URL.
                document.Servers = [new OpenApiServer { Url = "/", Description = "This server" }];
                KsQueryComponents.AddTo(document);
                HealthOperation.AddTo(document);
                TagDescriptions.AddTo(document);
                ModelSchemas.RemoveNullOfOmittedProperties(document);
                // Every error answer references Problem (OperationCredentials): the framework's problem schemas are unused.
                document.Components!.Schemas!.Remove("ProblemDetails");
                document.Components.Schemas.Remove("HttpValidationProblemDetails");
                return Task.CompletedTask;
            });
        });
}
