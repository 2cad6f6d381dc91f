using System.Net.Http.Headers;
using System.Text.Json;

namespace Host.Tests.OpenApi;

/// <summary>The document as a whole: a relative server that never echoes the request's Host, a description for every
/// tag, and the licence and contact Scalar shows.</summary>
public sealed class DocumentInfoTests(OpenApiDocumentFixture fixture) : IClassFixture<OpenApiDocumentFixture>
{
    [Fact]
    public void The_server_is_relative()
    {
        var servers = fixture.Document.GetProperty("servers").EnumerateArray().ToList();
        servers.Count.ShouldBe(1);
        servers[0].GetProperty("url").GetString().ShouldBe("/");
    }

    [Fact]
    public async Task A_hostile_host_header_is_not_served_back()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await fixture.Api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        text.ShouldNotContain("evil.example");
        JsonDocument.Parse(text).RootElement.GetProperty("servers")[0].GetProperty("url").GetString().ShouldBe("/");
    }

    [Fact]
    public void Every_tag_used_by_an_operation_is_declared_with_a_description()
    {
        var declared = fixture.Document.GetProperty("tags").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("description", out var d) ? d.GetString() : null);
        var used = fixture.Operations().SelectMany(o => o.Operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)).ToHashSet();
        used.ShouldNotBeEmpty();
        used.Where(t => !declared.ContainsKey(t)).ShouldBeEmpty("tags used but not declared");
        declared.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ShouldBeEmpty("tags without a description");
    }

    [Fact]
    public void The_info_names_a_licence_and_a_contact()
    {
        var info = fixture.Document.GetProperty("info");
        info.GetProperty("license").GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
        info.GetProperty("contact").GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
    }
}
