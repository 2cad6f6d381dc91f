using System.Net;
using System.Text;
using System.Text.Json;
using Host.Tests.Http;
using Host.Tests.Support;

namespace Host.Tests.Keys;

/// <summary>Names people read in a list (key names, descriptions, emails) must show what they are: no name without a
/// visible character, and no control, bidirectional-override or invisible formatting characters that make one text look
/// like another. Each refusal is 400 <c>validation_failed</c> naming the field and the character, and creates nothing.</summary>
public sealed class InvisibleTextTests(SignedInHostFixture fixture) : IClassFixture<SignedInHostFixture>
{
    public static TheoryData<string> BadNames => new()
    {
        "\u200B",            // zero-width space
        "\u200B\u200B\u200B",
        "\u200E",            // left-to-right mark
        "\u200F",            // right-to-left mark
        "\u202E",            // right-to-left override
        "\u202Etxt.exe",
        "invoice\u202Egpj.exe",
        "\u2066",            // left-to-right isolate
        "\u2066name\u2069",
        "\u061C",            // Arabic letter mark
        "\uFEFF",            // zero-width no-break space (BOM)
        "tra\u200Bding",     // a look-alike of "trading"
        "\u2060",            // word joiner
        "\u00AD",            // soft hyphen
        "\u3164",            // Hangul filler, renders blank
        "\u2800",            // Braille blank
        "\u0301",            // a combining mark alone
        "\u200D",            // zero-width joiner alone
        "\u0007",            // bell
        "a\u0000b",
        "line\nbreak",
        "\u0085",            // next line (C1)
        "\u2028",            // line separator
        "\u3000",            // ideographic space only
        "\uE000",            // private use
    };

    public static TheoryData<string> GoodNames => new()
    {
        "trading bot",
        "trading bot \U0001F916",
        "family \U0001F468\u200D\U0001F469\u200D\U0001F467",    // emoji joined by ZWJ
        "\u0645\u0641\u062A\u0627\u062D",                            // Arabic
        "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",          // Persian with ZWNJ
        "\u30AD\u30FC",                                              // Japanese
        "nai\u0308ve",                                               // decomposed diaeresis
        "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", // flag of Scotland (tag characters)
        "\u2764\uFE0F",                                              // emoji with variation selector
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_key_name_without_visible_text_or_with_hidden_characters_is_refused(string name)
    {
        var before = await KeyNames();
        await ShouldBeRefused(await Send("POST", "/v1/keys", new { name }), "name");
        await ShouldBeRefused(await Send("PATCH", $"/v1/keys/{fixture.KeyId}", new { name }), "name");
        (await KeyNames()).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_description_with_hidden_characters_is_refused(string description)
    {
        if (description == "line\nbreak")
            return; // descriptions may span lines (see Descriptions_may_span_lines)
        if (string.IsNullOrWhiteSpace(description))
        {
            // Blank means none, as documented: nothing of it is stored.
            var cleared = await Send("PATCH", $"/v1/keys/{fixture.KeyId}", new { description });
            (await cleared.Content.ReadAsStringAsync()).ShouldContain("\"description\":null");
            return;
        }
        var before = await KeyNames();
        await ShouldBeRefused(await Send("POST", "/v1/keys", new { name = "described", description }), "description");
        await ShouldBeRefused(await Send("PATCH", $"/v1/keys/{fixture.KeyId}", new { description }), "description");
        (await KeyNames()).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(GoodNames))]
    public async Task Names_in_any_script_with_emoji_sequences_are_kept_as_given(string name)
    {
        var response = await Send("POST", "/v1/keys", new { name, description = name });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        var key = JsonDocument.Parse(text).RootElement;
        key.GetProperty("name").GetString().ShouldBe(name);
        key.GetProperty("description").GetString().ShouldBe(name);
        (await Send("POST", $"/v1/keys/{key.GetProperty("id").GetString()}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"name":"half\ud83d"}""")]
    [InlineData("""{"name":"\ude00half"}""")]
    [InlineData("""{"name":"ok","description":"half\ud83d"}""")]
    public async Task Half_a_surrogate_pair_is_refused(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/keys") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", fixture.Token);
        // JSON text cannot carry it: the body is malformed before any rule of ours is asked.
        await ProblemDetailsTests.ShouldBeProblem(await fixture.Api.Http.SendAsync(request), 400, "malformed_json");
    }

    [Fact]
    public async Task Descriptions_may_span_lines()
    {
        var response = await Send("PATCH", $"/v1/keys/{fixture.KeyId}", new { description = "line one\r\nline two\tand a tab" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("in\u200Bvisible@example.com")]
    [InlineData("\u202Eevil@example.com")]
    [InlineData("rtl\u200F@example.com")]
    [InlineData("bom\uFEFF@example.com")]
    [InlineData("bell\u0007@example.com")]
    [InlineData("isolate@exa\u2066mple.com")]
    public async Task An_email_with_hidden_characters_is_refused(string email)
    {
        var response = await fixture.Api.Http.PostAsync("/v1/accounts",
            new StringContent(JsonSerializer.Serialize(new { email, password = "correct horse battery" }), Encoding.UTF8, "application/json"));
        await ShouldBeRefused(response, "email");
        var (login, _, _) = await fixture.Api.PostAsync("/v1/auth/login", new { email, password = "correct horse battery" });
        login.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task ShouldBeRefused(HttpResponseMessage response, string field)
    {
        var problem = await ProblemDetailsTests.ShouldBeProblem(response, 400, "validation_failed");
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        message.ShouldStartWith(field);
        message.ShouldNotContain("\u202E");
    }

    private async Task<string> KeyNames()
    {
        var (_, body, _) = await fixture.Api.GetAsync("/v1/keys?size=100", fixture.Token);
        return string.Join("\n", body.GetProperty("items").EnumerateArray().Select(k => $"{k.GetProperty("name")}|{k.GetProperty("description")}"));
    }

    private Task<HttpResponseMessage> Send(string method, string url, object? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Authorization = new("Bearer", fixture.Token);
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return fixture.Api.Http.SendAsync(request);
    }
}
