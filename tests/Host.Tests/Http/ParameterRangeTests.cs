using System.Text;
using System.Text.Json;
using Host.Tests.Support;

namespace Host.Tests.Http;

/// <summary>Every query and body parameter of the dashboard routes at and past its edges: each bad value is a 400
/// <c>validation_failed</c> naming the field in <c>errors</c> (or a 400 <c>malformed_json</c> for a number JSON cannot
/// hold), never a 500; the values just inside the range are served.</summary>
public sealed class ParameterRangeTests(SignedInHostFixture fixture) : IClassFixture<SignedInHostFixture>
{
    private const string LongId = "k1234567890k1234567890k1234567890k1234567890k1234567890k1234567890k1234567890k1234567890";

    [Theory]
    [InlineData("to=9999-12-31T23:59:59Z&interval=minute", "to")]
    [InlineData("to=9999-12-31T23:59:59Z&interval=hour", "to")]
    [InlineData("to=9999-12-31T23:59:59Z&interval=day", "to")]
    [InlineData("to=9999-12-31T23:59:59Z", "to")]
    [InlineData("to=0001-01-01T00:00:00Z&interval=minute", "to")]
    [InlineData("to=0001-01-01T00:00:00Z&interval=hour", "to")]
    [InlineData("to=0001-01-01T00:00:00Z&interval=day", "to")]
    [InlineData("to=0001-01-01T00:00:00Z", "to")]
    [InlineData("from=0001-01-01T00:00:00Z&interval=day", "from")]
    [InlineData("from=9999-12-31T23:59:59Z&interval=day", "from")]
    [InlineData("from=9999-12-31T23:59:59Z&to=9999-12-31T23:59:59.9999999Z&interval=minute", "from")]
    [InlineData("from=0001-01-01T00:00:00%2B01:00", "from")]
    [InlineData("to=9999-12-31T23:59:59-01:00", "to")]
    [InlineData("from=1969-12-31T23:59:59Z&to=1970-01-02T00:00:00Z", "from")]
    [InlineData("from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "from")]
    [InlineData("from=2030-01-01T00:00:00Z&to=2030-01-01T00:00:00Z", "from")]
    [InlineData("from=2999-01-01T00:00:00Z", "from")] // after "to", which defaults to now
    [InlineData("from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:01Z&interval=minute", "from")] // 1441 minutes
    [InlineData("from=2030-01-01T00:00:00Z&to=2030-03-02T01:00:00Z&interval=hour", "from")] // 1441 hours
    [InlineData("from=2030-01-01T00:00:00Z&to=2034-01-01T00:00:00Z&interval=day", "from")] // 1461 days
    [InlineData("from=not-a-date", "from")]
    [InlineData("to=2030-13-01T00:00:00Z", "to")]
    [InlineData("interval=week", "interval")]
    [InlineData("interval=", "interval")]
    [InlineData("keyId=%20", "keyId")]
    [InlineData("keyId=" + LongId, "keyId")]
    [InlineData("keyId=..%2F..%2Fetc%2Fpasswd", "keyId")]
    [InlineData("keyId=%27%20OR%201%3D1", "keyId")]
    public async Task Timeseries_refuses_out_of_range_parameters(string query, string field) =>
        await ShouldBeInvalid(await Get($"/v1/usage/timeseries?{query}"), field);

    [Theory]
    [InlineData("from=1970-01-01T00:00:00Z&to=1970-01-02T00:00:00Z&interval=minute", 1440)]
    [InlineData("from=2030-01-01T00:00:00Z&to=2030-03-02T00:00:00Z&interval=hour", 1440)]
    [InlineData("from=8995-01-01T00:00:00Z&to=8998-12-10T00:00:00Z&interval=day", 1439)]
    [InlineData("to=9998-12-31T23:59:59Z&interval=day", 30)]
    [InlineData("to=9999-01-01T00:00:00Z&interval=minute", 60)]
    [InlineData("to=1970-01-01T00:00:01Z&interval=day", 30)]
    public async Task Timeseries_serves_the_edges_of_its_ranges(string query, int points)
    {
        var response = await Get($"/v1/usage/timeseries?{query}");
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        JsonDocument.Parse(text).RootElement.GetArrayLength().ShouldBe(points);
    }

    [Theory]
    [InlineData("to=9999-12-31T23:59:59Z", "to")]
    [InlineData("to=0001-01-01T00:00:00Z", "to")]
    [InlineData("from=0001-01-01T00:00:00Z", "from")]
    [InlineData("from=9999-12-31T23:59:59Z", "from")]
    [InlineData("from=2030-01-02&to=2030-01-01", "from")]
    [InlineData("from=yesterday", "from")]
    public async Task Summary_refuses_out_of_range_parameters(string query, string field) =>
        await ShouldBeInvalid(await Get($"/v1/usage/summary?{query}"), field);

    [Theory]
    [InlineData("to=9999-12-31T23:59:59Z", "to")]
    [InlineData("to=0001-01-01T00:00:00Z", "to")]
    [InlineData("from=0001-01-01T00:00:00Z", "from")]
    [InlineData("from=2030-01-02&to=2030-01-01", "from")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=1.5", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=1000001", "page")]
    [InlineData("page=2147483648", "page")]
    [InlineData("page=99999999999999999999999", "page")]
    [InlineData("size=0", "size")]
    [InlineData("size=101", "size")]
    [InlineData("size=-5", "size")]
    [InlineData("size=99999999999", "size")]
    [InlineData("size=%2B5", "size")]
    public async Task Rejections_refuse_out_of_range_parameters(string query, string field) =>
        await ShouldBeInvalid(await Get($"/v1/usage/rejections?{query}"), field);

    [Theory]
    [InlineData("page=1000000&size=100")]
    [InlineData("page=1&size=1")]
    [InlineData("from=1970-01-01T00:00:00Z&to=9999-01-01T00:00:00Z")]
    public async Task Rejections_serve_the_edges_of_their_ranges(string query) =>
        ((int)(await Get($"/v1/usage/rejections?{query}")).StatusCode).ShouldBe(200);

    [Theory]
    [InlineData("status=bogus", "status")]
    [InlineData("page=0", "page")]
    [InlineData("page=1000001", "page")]
    [InlineData("page=99999999999999999999999", "page")]
    [InlineData("size=0", "size")]
    [InlineData("size=101", "size")]
    public async Task Key_list_refuses_out_of_range_parameters(string query, string field) =>
        await ShouldBeInvalid(await Get($"/v1/keys?{query}"), field);

    [Theory]
    [InlineData("to=9999-12-31T23:59:59Z", "to")]
    [InlineData("to=0001-01-01T00:00:00Z", "to")]
    [InlineData("from=0001-01-01T00:00:00Z", "from")]
    [InlineData("from=2030-01-02&to=2030-01-01", "from")]
    public async Task Key_usage_refuses_out_of_range_parameters(string query, string field) =>
        await ShouldBeInvalid(await Get($"/v1/keys/{fixture.KeyId}/usage?{query}"), field);

    [Theory]
    [InlineData("GET", "/v1/keys/{id}")]
    [InlineData("PATCH", "/v1/keys/{id}")]
    [InlineData("POST", "/v1/keys/{id}/revoke")]
    [InlineData("POST", "/v1/keys/{id}/roll")]
    [InlineData("POST", "/v1/keys/{id}/reveal")]
    [InlineData("GET", "/v1/keys/{id}/usage")]
    public async Task An_id_that_cannot_be_a_key_id_is_key_not_found(string method, string route)
    {
        foreach (var id in new[] { LongId + LongId + LongId + LongId + LongId + LongId + LongId + LongId + LongId + LongId + LongId + LongId, "%E2%80%AE", "a%20b", "%27%20OR%201%3D1" })
        {
            var body = method == "GET" ? null : """{"password":"correct horse battery","name":"x"}""";
            await ProblemDetailsTests.ShouldBeProblem(await Send(method, route.Replace("{id}", id), body), 404, "key_not_found");
        }
    }

    [Theory]
    [InlineData("""{"name":"n","expiresAt":"2000-01-01T00:00:00Z"}""", "expiresAt")]
    [InlineData("""{"name":"n","expiresAt":"9999-12-31T23:59:59Z"}""", "expiresAt")]
    [InlineData("""{"name":"n","expiresAt":"9999-01-01T00:00:00.0000001Z"}""", "expiresAt")]
    [InlineData("""{"name":"n","rateLimitPerSecond":0}""", "rateLimitPerSecond")]
    [InlineData("""{"name":"n","rateLimitPerSecond":-1}""", "rateLimitPerSecond")]
    [InlineData("""{"name":"n","rateLimitPerSecond":1000001}""", "rateLimitPerSecond")]
    [InlineData("""{"name":"n","rateLimitPerSecond":9223372036854775807}""", "rateLimitPerSecond")]
    [InlineData("""{"name":"n","rateLimitPerSecond":-9223372036854775808}""", "rateLimitPerSecond")]
    [InlineData("""{"name":"n","monthlyQuota":0}""", "monthlyQuota")]
    [InlineData("""{"name":"n","monthlyQuota":1000000000001}""", "monthlyQuota")]
    [InlineData("""{"name":"n","monthlyQuota":-9223372036854775808}""", "monthlyQuota")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""", "name")]
    [InlineData("""{"name":"n","chain":"kalp"}""", "network")]
    public async Task Key_creation_refuses_out_of_range_fields(string body, string field) =>
        await ShouldBeInvalid(await Send("POST", "/v1/keys", body), field);

    [Theory]
    [InlineData("""{"gracePeriodSeconds":-1}""", "gracePeriodSeconds")]
    [InlineData("""{"gracePeriodSeconds":604801}""", "gracePeriodSeconds")]
    [InlineData("""{"gracePeriodSeconds":9223372036854775807}""", "gracePeriodSeconds")]
    [InlineData("""{"gracePeriodSeconds":-9223372036854775808}""", "gracePeriodSeconds")]
    public async Task Roll_refuses_out_of_range_grace_periods(string body, string field) =>
        await ShouldBeInvalid(await Send("POST", $"/v1/keys/{fixture.KeyId}/roll", body), field);

    [Theory]
    [InlineData("""{"chain":"kalp","network":"testnet","activeKeyId":""}""", "activeKeyId")]
    [InlineData("""{"chain":"kalp","network":"testnet","activeKeyId":"LONG"}""", "activeKeyId")]
    [InlineData("""{"chain":"","network":"testnet"}""", "chain")]
    [InlineData("""{"chain":"kalp","network":" "}""", "network")]
    public async Task Selection_refuses_out_of_range_fields(string body, string field) =>
        await ShouldBeInvalid(await Send("PUT", "/v1/me/selection", body.Replace("LONG", LongId)), field);

    [Theory]
    [InlineData("%%%not-base64%%%")]
    [InlineData("CfDJ8")]
    [InlineData("LONG")]
    public async Task A_refresh_token_that_is_not_one_is_invalid_credentials(string token)
    {
        var body = System.Text.Json.JsonSerializer.Serialize(new { refreshToken = token == "LONG" ? new string('A', 60_000) : token });
        await ProblemDetailsTests.ShouldBeProblem(await Send("POST", "/v1/auth/refresh", body), 401, "invalid_credentials");
    }

    [Theory]
    [InlineData("x                                                                         ", "chain_not_found")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\U0001F600", "chain_not_found")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\U0001F600tail", "chain_not_found")]
    [InlineData("kalp|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\U0001F600", "network_not_found")]
    public async Task Unknown_chains_and_networks_are_echoed_shortened_on_character_boundaries(string value, string code)
    {
        var (chain, network) = value.Contains('|') ? (value.Split('|')[0], value.Split('|')[1]) : (value, "testnet");
        var body = System.Text.Json.JsonSerializer.Serialize(new { chain, network });
        var problem = await ProblemDetailsTests.ShouldBeProblem(await Send("PUT", "/v1/me/selection", body), 404, code);
        var detail = problem.GetProperty("detail").GetString()!;
        // Half an emoji cannot be encoded: the JSON writer would put U+FFFD in its place.
        detail.ShouldNotContain("\uFFFD");
        detail.ShouldContain(value.Contains('|') ? "Chain 'kalp' has no network 'aaa" : "There is no chain '");
    }

    [Theory]
    [InlineData("/v1/keys", """{"name":"n","rateLimitPerSecond":9223372036854775808}""")]
    [InlineData("/v1/keys", """{"name":"n","monthlyQuota":1e400}""")]
    [InlineData("/v1/keys", """{"name":"n","expiresAt":"10000-01-01T00:00:00Z"}""")]
    [InlineData("/v1/keys", """{"name":"n","expiresAt":"9999-12-31T23:59:59-01:00"}""")]
    [InlineData("/v1/keys/{id}/roll", """{"gracePeriodSeconds":18446744073709551616}""")]
    [InlineData("/v1/keys/{id}/roll", """{"gracePeriodSeconds":1.5}""")]
    public async Task A_number_or_date_no_field_can_hold_is_malformed_json(string route, string body) =>
        await ProblemDetailsTests.ShouldBeProblem(await Send("POST", route.Replace("{id}", fixture.KeyId), body), 400, "malformed_json");

    [Theory]
    [InlineData("/v1/kalp/testnet/transactions?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59.9999999Z", 200)]
    [InlineData("/v1/kalp/testnet/analytics/chaincode?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z", 200)]
    [InlineData("/v1/kalp/testnet/transactions?from=0001-01-01T00:00:00%2B01:00", 400)]
    [InlineData("/v1/kalp/testnet/transactions?to=9999-12-31T23:59:59-01:00", 400)]
    [InlineData("/v1/kalp/testnet/blocks/99999999999999999999", 400)]
    [InlineData("/v1/kalp/testnet/blocks/9223372036854775807", 404)]
    [InlineData("/v1/kalp/testnet/blocks/-9223372036854775808", 400)]
    [InlineData("/v1/kalp/testnet/blocks?from=9223372036854775807&to=9223372036854775807", 200)]
    [InlineData("/v1/kalp/testnet/events?fromBlock=9223372036854775807&toBlock=9223372036854775807", 200)]
    [InlineData("/v1/kalp/testnet/transactions?page=2147483647&size=100", 200)]
    [InlineData("/v1/kalp/testnet/transactions?page=9223372036854775807", 400)]
    public async Task Chain_api_parameters_at_their_edges_are_served_or_refused_never_failed(string url, int status)
    {
        var (answered, body, _) = await fixture.Api.GetAsync(url, apiKey: fixture.Key);
        ((int)answered).ShouldBe(status, body.ToString());
        if (status == 400)
            body.GetProperty("code").GetString().ShouldBe("validation_failed");
    }

    private Task<HttpResponseMessage> Get(string url) => Send("GET", url, null);

    private Task<HttpResponseMessage> Send(string method, string url, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Authorization = new("Bearer", fixture.Token);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return fixture.Api.Http.SendAsync(request);
    }

    internal static async Task ShouldBeInvalid(HttpResponseMessage response, string field)
    {
        var problem = await ProblemDetailsTests.ShouldBeProblem(response, 400, "validation_failed");
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty(field, out var messages).ShouldBeTrue(problem.ToString());
        messages.EnumerateArray().ShouldAllBe(m => !string.IsNullOrWhiteSpace(m.GetString()));
    }
}
