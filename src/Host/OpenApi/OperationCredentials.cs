using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace KsQuery.Host.OpenApi;

/// <summary>Which credential a route needs, read from its endpoint metadata, so a new route is described by what it is.</summary>
internal enum RouteAccess { Public, Dashboard, ChainApi }

/// <summary>Declares on every operation the credential it needs and the refusals that come with it: the account's
/// bearer token on dashboard routes, <c>security: []</c> on public ones, the API key (header or bearer) and the key, limit
/// and upstream refusals on chain APIs. Every error answer, the framework's own (ProducesProblem) included, references
/// the one <c>Problem</c> schema; those of dashboard and public routes name their codes (<see cref="ProblemAnswers"/>).</summary>
internal sealed class OperationCredentials : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document;
        if (document is not null)
            KsQueryComponents.AddTo(document);
        operation.Responses ??= [];

        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var access = AccessOf(metadata);
        switch (access)
        {
            case RouteAccess.ChainApi:
                operation.Security = [KsQueryComponents.Requirement(KsQueryComponents.ApiKey, document), KsQueryComponents.Requirement(KsQueryComponents.ApiKeyBearer, document)];
                // Its error answers carry their own codes over the Problem schema: done, nothing below applies.
                ChainApiResponses.AddTo(operation, metadata.OfType<KsQuery.Plugins.Abstractions.ApiDescriptor>().FirstOrDefault(), document);
                return Task.CompletedTask;
            case RouteAccess.Dashboard:
                operation.Security = [KsQueryComponents.Requirement(KsQueryComponents.Bearer, document)];
                break;
            default:
                operation.Security = [];
                break;
        }

        foreach (var (status, response) in operation.Responses)
            if (status.Length == 3 && status[0] is '4' or '5' && response is OpenApiResponse error)
                error.Content = KsQueryComponents.ProblemContent(document);
        if (access != RouteAccess.ChainApi)
        {
            ProblemAnswers.AddTo(operation, metadata, access, document);
            QueryParameters.Describe(operation, metadata);
        }
        return Task.CompletedTask;
    }

    public static RouteAccess AccessOf(IList<object> metadata)
    {
        if (metadata.OfType<ChainApiMetadata>().Any())
            return RouteAccess.ChainApi;
        // The last word wins, as for the authorization middleware: AllowAnonymous after RequireAuthorization opens a route.
        var last = metadata.LastOrDefault(m => m is IAuthorizeData or IAllowAnonymous);
        return last is IAuthorizeData ? RouteAccess.Dashboard : RouteAccess.Public;
    }

    /// <summary>Adds the response unless the endpoint declares it already (its description is kept).</summary>
    public static void Declare(OpenApiOperation operation, string status, string description)
    {
        operation.Responses ??= [];
        if (!operation.Responses.ContainsKey(status))
            operation.Responses[status] = new OpenApiResponse { Description = description };
    }
}
