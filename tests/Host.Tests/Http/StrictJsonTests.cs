using System.Net;
using System.Text;
using System.Text.Json;
using Host.Tests.Support;

namespace Host.Tests.Http;

/// <summary>docs/api.md: a value of the wrong JSON type is malformed (400 <c>malformed_json</c>), for every body-taking route
/// and every field type: numbers only as JSON numbers, booleans only as true/false, strings only as strings, dates only
/// as ISO-8601 strings. Nothing is created or changed by such a request.</summary>
public sealed class StrictJsonTests(SignedInHostFixture fixture) : IClassFixture<SignedInHostFixture>
{
    public static TheoryData<string, string, string, string> WrongTypes => new()
    {
        { "POST", "/v1/accounts", """{"email":42,"password":"correct horse battery"}""", "email" },
        { "POST", "/v1/accounts", """{"email":"typed@example.com","password":true}""", "password" },
        { "POST", "/v1/accounts", """{"email":["typed@example.com"],"password":"correct horse battery"}""", "email" },
        { "POST", "/v1/auth/login", """{"email":"signed-in@example.com","password":{"value":"correct horse battery"}}""", "password" },
        { "POST", "/v1/auth/login", """{"email":null,"password":123456789012}""", "password" },
        { "POST", "/v1/auth/refresh", """{"refreshToken":12345}""", "refreshToken" },
        { "PUT", "/v1/me/selection", """{"chain":1,"network":"testnet"}""", "chain" },
        { "PUT", "/v1/me/selection", """{"chain":"kalp","network":"testnet","activeKeyId":false}""", "activeKeyId" },
        { "POST", "/v1/keys", """{"name":"typed-1","rateLimitPerSecond":"5"}""", "rateLimitPerSecond" },
        { "POST", "/v1/keys", """{"name":"typed-2","monthlyQuota":"100"}""", "monthlyQuota" },
        { "POST", "/v1/keys", """{"name":"typed-3","rateLimitPerSecond":"0x10"}""", "rateLimitPerSecond" },
        { "POST", "/v1/keys", """{"name":"typed-4","monthlyQuota":"NaN"}""", "monthlyQuota" },
        { "POST", "/v1/keys", """{"name":"typed-5","recoverable":"true"}""", "recoverable" },
        { "POST", "/v1/keys", """{"name":"typed-6","recoverable":1}""", "recoverable" },
        { "POST", "/v1/keys", """{"name":"typed-7","expiresAt":4102444800}""", "expiresAt" },
        { "POST", "/v1/keys", """{"name":["typed-8"]}""", "name" },
        { "POST", "/v1/keys", """{"name":"typed-9","description":12}""", "description" },
        { "POST", "/v1/keys", """{"name":"typed-10","rateLimitPerSecond":true}""", "rateLimitPerSecond" },
        { "PATCH", "/v1/keys/{id}", """{"name":77}""", "name" },
        { "PATCH", "/v1/keys/{id}", """{"description":false}""", "description" },
        { "POST", "/v1/keys/{id}/roll", """{"gracePeriodSeconds":"60"}""", "gracePeriodSeconds" },
        { "POST", "/v1/keys/{id}/roll", """{"gracePeriodSeconds":[60]}""", "gracePeriodSeconds" },
        { "POST", "/v1/keys/{id}/reveal", """{"password":123456789012}""", "password" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task A_field_of_the_wrong_JSON_type_is_malformed_json_and_changes_nothing(string method, string route, string body, string field)
    {
        var before = await KeysOfAccount();
        var response = await Send(method, route.Replace("{id}", fixture.KeyId), body);
        var problem = await ProblemDetailsTests.ShouldBeProblem(response, 400, "malformed_json");
        problem.GetProperty("detail").GetString()!.ShouldContain($"$.{field}");
        (await KeysOfAccount()).ShouldBe(before);
    }

    [Fact]
    public async Task The_same_fields_as_JSON_numbers_are_accepted()
    {
        var response = await Send("POST", "/v1/keys", """{"name":"typed-ok","rateLimitPerSecond":5,"monthlyQuota":100,"recoverable":true}""");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        var key = JsonDocument.Parse(text).RootElement;
        key.GetProperty("rateLimitPerSecond").GetInt32().ShouldBe(5);
        key.GetProperty("monthlyQuota").GetInt64().ShouldBe(100);
    }

    // Every key of the account with its name and settings: a refused request must leave all of it as it was.
    private async Task<string> KeysOfAccount()
    {
        var (status, body, _) = await fixture.Api.GetAsync("/v1/keys?size=100", fixture.Token);
        status.ShouldBe(HttpStatusCode.OK);
        return string.Join("\n", body.GetProperty("items").EnumerateArray()
            .Select(k => $"{k.GetProperty("id")} {k.GetProperty("name")} {k.GetProperty("description")} {k.GetProperty("status")} {k.GetProperty("rateLimitPerSecond")}"));
    }

    private Task<HttpResponseMessage> Send(string method, string url, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", fixture.Token);
        return fixture.Api.Http.SendAsync(request);
    }
}
