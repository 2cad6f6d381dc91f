using System.Net;
using System.Net.Http.Json;
using Host.Tests.Support;

namespace Host.Tests.Http;

/// <summary>Nothing the server answers is built from the request's <c>Host</c> header: a hostile one must not end up in a
/// <c>Location</c> a client follows or in a document a cache may keep.</summary>
public sealed class HostHeaderTests(SignedInHostFixture fixture) : IClassFixture<SignedInHostFixture>
{
    private const string Hostile = "evil.example";

    [Fact]
    public async Task A_created_key_is_located_by_a_relative_path()
    {
        var response = await Send(HttpMethod.Post, "/v1/keys", new { name = "located" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();
        response.Headers.Location.ShouldNotBeNull().IsAbsoluteUri.ShouldBeFalse(response.Headers.Location.ToString());
        response.Headers.Location.OriginalString.ShouldBe($"/v1/keys/{id}");
    }

    [Fact]
    public async Task A_rolled_key_is_located_by_a_relative_path()
    {
        var created = await Send(HttpMethod.Post, "/v1/keys", new { name = "to-roll" });
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();
        var response = await Send(HttpMethod.Post, $"/v1/keys/{id}/roll", new { gracePeriodSeconds = 0 });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var replacement = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();
        response.Headers.Location.ShouldNotBeNull().OriginalString.ShouldBe($"/v1/keys/{replacement}");
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/v1")]
    [InlineData("/v1/nothing-here")]
    public async Task Documents_and_errors_do_not_repeat_the_host(string path)
    {
        var response = await Send(HttpMethod.Get, path, body: null);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain(Hostile);
        response.Headers.Location?.ToString().ShouldNotContain(Hostile);
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string url, object? body)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Host = Hostile;
        request.Headers.Authorization = new("Bearer", fixture.Token);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return fixture.Api.Http.SendAsync(request);
    }
}
