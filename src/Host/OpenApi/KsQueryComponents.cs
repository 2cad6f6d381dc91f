using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace KsQuery.Host.OpenApi;

/// <summary>The document's shared components: the credential schemes and the one <c>Problem</c> schema that every
/// error answer (RFC 9457 problem details with the stable <c>code</c> of docs/api.md) references.</summary>
internal static class KsQueryComponents
{
    /// <summary>An account's access token (POST /v1/auth/login) on dashboard routes.</summary>
    public const string Bearer = "bearer";

    /// <summary>An API key in the <c>X-Api-Key</c> header on chain APIs.</summary>
    public const string ApiKey = "apiKey";

    /// <summary>The same API key sent as <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public const string ApiKeyBearer = "apiKeyBearer";

    public const string Problem = "Problem";

    public const string ProblemMediaType = "application/problem+json";

    /// <summary>Adds the components once; transformers of operations and of the document both call it, in either order.</summary>
    public static void AddTo(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken from POST /v1/auth/login, for dashboard routes (/v1/me, /v1/keys, /v1/usage, /v1/audit).",
        };
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "An API key (ksq_test_… or ksq_live_…) for the chain query APIs; never in the query string.",
        };
        document.Components.SecuritySchemes[ApiKeyBearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The same API key as `Authorization: Bearer <key>`, for the chain query APIs.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Problem] = ProblemSchema();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        document.Components.Headers[RateLimitLimit] = IntegerHeader("The request limit of the window that applies (see `RateLimit-Policy`).", 0);
        document.Components.Headers[RateLimitRemaining] = IntegerHeader("Requests left in that window.", 0);
        document.Components.Headers[RateLimitReset] = IntegerHeader("Seconds until that window resets (at least 1).", 1);
        document.Components.Headers[RateLimitPolicy] = new OpenApiHeader
        {
            Description = "Every limit of the key (its per-second limit, and its monthly quota when it has one).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        document.Components.Headers[RetryAfter] = IntegerHeader("Seconds to wait before trying again (at least 1).", 1);
    }

    /// <summary>The answer headers declared once under <c>components/headers</c> and referenced from every answer that carries them.</summary>
    public const string RateLimitLimit = "RateLimit-Limit";
    public const string RateLimitRemaining = "RateLimit-Remaining";
    public const string RateLimitReset = "RateLimit-Reset";
    public const string RateLimitPolicy = "RateLimit-Policy";
    public const string RetryAfter = "Retry-After";

    /// <summary>A reference to the shared header <paramref name="name"/> (one of the constants above).</summary>
    public static IOpenApiHeader Header(string name, OpenApiDocument? document) => new OpenApiHeaderReference(name, document);

    private static OpenApiHeader IntegerHeader(string description, int minimum) => new()
    {
        Description = description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer, Format = "int64",
            Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture), Examples = [JsonValue.Create(1)],
        },
    };

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. `code` is stable and machine-readable (snake_case); `errors` comes with 400 `validation_failed`.",
        Required = new HashSet<string> { "status", "title", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI reference that identifies the problem type." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the problem type." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "What went wrong with this request.",
                // Kiota's marker: a generated client's Problem exception (KsQuery.Client) takes its Message from `detail`.
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-ms-primary-error-message"] = new JsonNodeExtension(JsonValue.Create(true)) },
            },
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Pattern = "^[a-z][a-z0-9_]*$",
                Description = "The stable error code, e.g. `unauthenticated`, `key_not_found`, `key_revoked`, `validation_failed`.",
                Examples = [JsonValue.Create("validation_failed")],
            },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Identifies the request in the server's logs." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Field name to its messages (400 `validation_failed`).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };

    public static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    public static Dictionary<string, OpenApiMediaType> ProblemContent(OpenApiDocument? document) => new()
    {
        [ProblemMediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(Problem, document) },
    };
}
