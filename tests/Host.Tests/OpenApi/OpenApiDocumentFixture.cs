using System.Net;
using System.Text.Json;
using Host.Tests.Support;

namespace Host.Tests.OpenApi;

/// <summary>One host and the OpenAPI document it serves, parsed with System.Text.Json, for the document's tests.</summary>
public sealed class OpenApiDocumentFixture : IAsyncLifetime
{
    private readonly HostFixture _host = new();

    public ApiClient Api => _host.Api;
    public IAlbaHost Host => _host.Host;
    public JsonElement Document { get; private set; }

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        var (status, document, _) = await _host.Api.GetAsync("/openapi/v1.json");
        status.ShouldBe(HttpStatusCode.OK);
        Document = document;
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>Every operation of the document: path, lower-case method and the operation object.</summary>
    public IEnumerable<(string Path, string Method, JsonElement Operation)> Operations() =>
        Document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(item => Methods.Contains(item.Name))
                .Select(item => (path.Name, item.Name, item.Value)));
}
