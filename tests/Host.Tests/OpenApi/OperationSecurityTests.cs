using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Host.Tests.Security.BadInput;
using Host.Tests.Support;

namespace Host.Tests.OpenApi;

/// <summary>The served OpenAPI document states, on every operation, the credential the route really needs: the account's
/// bearer token on dashboard routes, none on public ones, the API key (header or bearer) on chain APIs.</summary>
public sealed class OperationSecurityTests(OpenApiDocumentFixture fixture) : IClassFixture<OpenApiDocumentFixture>
{
    private const string Dashboard = """[{"bearer":[]}]""";
    private const string Open = "[]";
    private const string Keyed = """[{"apiKey":[]},{"apiKeyBearer":[]}]""";

    [Fact]
    public void The_document_defines_the_bearer_and_api_key_schemes()
    {
        var schemes = fixture.Document.GetProperty("components").GetProperty("securitySchemes");
        var bearer = schemes.GetProperty("bearer");
        bearer.GetProperty("type").GetString().ShouldBe("http");
        bearer.GetProperty("scheme").GetString().ShouldBe("bearer");
        var apiKey = schemes.GetProperty("apiKey");
        apiKey.GetProperty("type").GetString().ShouldBe("apiKey");
        apiKey.GetProperty("in").GetString().ShouldBe("header");
        apiKey.GetProperty("name").GetString().ShouldBe("X-Api-Key");
        var keyAsBearer = schemes.GetProperty("apiKeyBearer");
        keyAsBearer.GetProperty("type").GetString().ShouldBe("http");
        keyAsBearer.GetProperty("scheme").GetString().ShouldBe("bearer");
        schemes.EnumerateObject().Select(s => s.Name).ShouldBe(["bearer", "apiKey", "apiKeyBearer"], ignoreOrder: true);
    }

    [Fact]
    public async Task Every_operation_declares_the_credential_its_route_needs()
    {
        var chainApis = await OperationKinds.ChainApisAsync(fixture.Api);
        var operations = fixture.Operations().ToList();
        operations.ShouldNotBeEmpty();
        var wrong = new List<string>();
        foreach (var (path, method, operation) in operations)
        {
            var expected = OperationKinds.Of(path, method, chainApis) switch
            {
                OperationKind.Public => Open,
                OperationKind.ChainApi => Keyed,
                _ => Dashboard,
            };
            var actual = OperationKinds.Security(operation);
            if (Normalize(actual) != Normalize(expected))
                wrong.Add($"{method.ToUpperInvariant()} {path}: {actual}, expected {expected}");
        }
        wrong.ShouldBeEmpty();
        chainApis.Where(api => api[0] != '/').ShouldAllBe(api => operations.Any(o => $"{o.Method.ToUpperInvariant()} {o.Path}" == api), "every chain API is in the document");
    }

    [Fact]
    public async Task Operations_that_declare_a_credential_refuse_a_call_without_it()
    {
        var chainApis = await OperationKinds.ChainApisAsync(fixture.Api);
        var wrong = new List<string>();
        foreach (var (path, method, operation) in fixture.Operations())
        {
            var security = Normalize(OperationKinds.Security(operation));
            var expectedCode = security == Normalize(Dashboard) ? "unauthenticated" : security == Normalize(Keyed) ? "key_missing" : null;
            if (expectedCode is null)
                continue;
            var (status, body, _) = await fixture.Api.SendAsync(new HttpMethod(method.ToUpperInvariant()), OperationKinds.Fill(path),
                method is "post" or "put" or "patch" ? new { } : null);
            var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : null;
            if (status != HttpStatusCode.Unauthorized || code != expectedCode)
                wrong.Add($"{method.ToUpperInvariant()} {path}: {(int)status} {code}, expected 401 {expectedCode}");
        }
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Every_api_route_the_host_serves_is_in_the_document()
    {
        var documented = fixture.Operations().Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").ToHashSet(StringComparer.Ordinal);
        var served = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/v1/", StringComparison.Ordinal) || raw.StartsWith("/health", StringComparison.Ordinal)))
            .Where(e => !IsAlias(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} {Regex.Replace(RouteInventory.Normalize(e.RoutePattern.RawText!), @"\{([^}:]+)(:[^}]*)?\}", "{$1}")}"))
            .Distinct()
            .ToList();
        served.Count.ShouldBeGreaterThan(20);
        served.Where(r => !documented.Contains(r)).ShouldBeEmpty("routes the document does not describe escape every check of these tests");
    }

    /// <summary>A chain API served under a network alias (e.g. devnet for testnet) is left out of the docs on purpose.</summary>
    private static bool IsAlias(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<ChainApiMetadata>() is { } api
        && !endpoint.RoutePattern.RawText!.StartsWith($"/v1/{api.Chain}/{api.Network}/", StringComparison.Ordinal);

    private static string Normalize(string json) =>
        json.StartsWith('(') ? json : JsonSerializer.Serialize(JsonSerializer.Deserialize<JsonElement>(json));
}
