using System.Net;
using System.Text.RegularExpressions;
using Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Console.Tests;

/// <summary>Issue 17 in the console: a key's restrictions set on create and on edit (the API's field errors beside the
/// field, "none" said in words), shown on the key's page, and the key's activity timeline with its changes and refusals.</summary>
public sealed class RestrictionsTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [BrowserFact]
    public async Task Restrictions_are_set_on_create_shown_on_the_key_page_and_edited_there()
    {
        const string email = "restrict@example.com";
        var token = await Accounts.CreateWithSelectionAsync(fixture.Http, email);
        await using var console = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "restrictions");
        var page = console.Page;
        await Api.LogInAsync(page, email, "/keys", "API Key Generation");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create API Auth Key" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create API Auth Key" });
        await dialog.GetByLabel("Key Name").FillAsync("fenced");
        await dialog.GetByText("Restrictions", new() { Exact = true }).ClickAsync();
        var ranges = dialog.GetByLabel("Client address ranges");
        await ranges.FillAsync("203.0.113.0/24\n10.0.0.1/8");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Network info network-info" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create Now" }).ClickAsync();

        // The API's 400 names the entry (restrictions.ipRanges[1]): shown beside the field, nothing created.
        await Expect(ranges).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(ranges).ToHaveAccessibleDescriptionAsync(new Regex("'10.0.0.1/8' is not an IP address or CIDR range"));
        var (_, listed) = await Api.SendAsync(fixture.Http, HttpMethod.Get, "/v1/keys", token);
        listed.GetProperty("total").GetInt32().ShouldBe(0);

        await ranges.FillAsync("203.0.113.0/24\n2001:db8::/32");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create Now" }).ClickAsync();
        var created = page.GetByRole(AriaRole.Dialog, new() { Name = "API key created" });
        await created.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        // The key's page lists each restriction; the lists left empty say plainly that they place none.
        await page.GetByRole(AriaRole.Link, new() { Name = "View fenced" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "fenced", Level = 1 })).ToBeVisibleAsync();
        var restrictions = page.Locator(".restrictions");
        await Expect(restrictions).ToContainTextAsync("203.0.113.0/24");
        await Expect(restrictions).ToContainTextAsync("2001:db8::/32");
        await Expect(restrictions).ToContainTextAsync("network-info");
        await Expect(restrictions).ToContainTextAsync("None: calls from any origin (or without one) are admitted.");
        await Expect(restrictions).ToContainTextAsync("None: calls with any user agent (or without one) are admitted.");

        // Edit: the ranges emptied, a user agent added; the API holds what the page shows.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit key and restrictions" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Dialog, new() { Name = "Edit fenced" });
        await Expect(edit.GetByRole(AriaRole.Checkbox, new() { Name = "Network info network-info" })).ToBeCheckedAsync();
        await edit.GetByLabel("Client address ranges").FillAsync("");
        await edit.GetByLabel("Browser origins").FillAsync("https://*.example.com");
        await edit.GetByLabel("User-agent substrings").FillAsync("tradingbot/");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(edit).ToBeHiddenAsync();
        await Expect(restrictions).ToContainTextAsync("None: calls from any client address are admitted.");
        await Expect(restrictions).ToContainTextAsync("https://*.example.com");
        await Expect(restrictions).ToContainTextAsync("tradingbot/");

        var (_, keys) = await Api.SendAsync(fixture.Http, HttpMethod.Get, "/v1/keys", token);
        var id = keys.GetProperty("items")[0].GetProperty("id").GetString()!;
        var (_, key) = await Api.SendAsync(fixture.Http, HttpMethod.Get, $"/v1/keys/{id}", token);
        var saved = key.GetProperty("restrictions");
        saved.GetProperty("ipRanges").GetArrayLength().ShouldBe(0);
        saved.GetProperty("origins")[0].GetString().ShouldBe("https://*.example.com");
        saved.GetProperty("userAgents")[0].GetString().ShouldBe("tradingbot/");
        saved.GetProperty("apis")[0].GetString().ShouldBe("network-info");

        // The activity timeline has the edit, newest first, with the restrictions before and after.
        var activity = page.GetByRole(AriaRole.List, new() { Name = "Activity of fenced" });
        var newest = activity.GetByRole(AriaRole.Listitem).First;
        await Expect(newest).ToContainTextAsync("Restrictions changed");
        await Expect(newest).ToContainTextAsync(email);
        await Expect(newest).ToContainTextAsync("203.0.113.0/24");
        await Expect(newest).ToContainTextAsync("tradingbot/");
        await Expect(activity.GetByRole(AriaRole.Listitem).Last).ToContainTextAsync("Key created");
        await console.ScreenshotAsync("key");

        console.ShouldBeClean();
    }

    [BrowserFact]
    public async Task An_unrestricted_key_says_so_and_its_refused_calls_appear_on_its_paged_timeline()
    {
        const string email = "timeline@example.com";
        var token = await Accounts.CreateWithSelectionAsync(fixture.Http, email);
        var (id, key) = await Accounts.CreateKeyAsync(fixture.Http, token, new { name = "open" });
        (await Accounts.CallAsync(fixture.Http, "/v1/kalp/testnet/network", key)).ShouldBe(HttpStatusCode.OK);
        var (status, _) = await Api.SendAsync(fixture.Http, HttpMethod.Patch, $"/v1/keys/{id}", token,
            new { restrictions = new { userAgents = new[] { "tradingbot/" } } });
        status.ShouldBe(HttpStatusCode.OK);
        // 21 refused calls (another user agent) and the two changes: 23 entries, two pages of 20.
        for (var i = 0; i < 21; i++)
            (await Accounts.CallAsync(fixture.Http, "/v1/kalp/testnet/network", key)).ShouldBe(HttpStatusCode.Forbidden);

        await using var console = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "timeline");
        var page = console.Page;
        await Api.LogInAsync(page, email, $"/keys/{id}", "open");
        var activity = page.GetByRole(AriaRole.List, new() { Name = "Activity of open" });
        var first = activity.GetByRole(AriaRole.Listitem).First;
        await Expect(first).ToContainTextAsync("Refused: key_restricted");
        await Expect(first).ToContainTextAsync("GET /v1/kalp/testnet/network answered 403");
        await Expect(activity.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(20);
        await Expect(page.GetByText("Page 1 of 2 (23 entries, newest first)")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Newer" })).ToBeDisabledAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Older" }).ClickAsync();
        await Expect(page.GetByText("Page 2 of 2 (23 entries, newest first)")).ToBeVisibleAsync();
        await Expect(activity.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
        await Expect(activity.GetByRole(AriaRole.Listitem).Nth(1)).ToContainTextAsync("Restrictions changed");
        await Expect(activity.GetByRole(AriaRole.Listitem).Nth(2)).ToContainTextAsync("Key created");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Older" })).ToBeDisabledAsync();

        // A second key without restrictions says so in words.
        var (otherId, _) = await Accounts.CreateKeyAsync(fixture.Http, token, new { name = "free" });
        await page.GotoAsync($"/keys/{otherId}");
        await Expect(page.Locator(".restrictions")).ToContainTextAsync("No restrictions: this key works from any client address");

        console.ShouldBeClean();
    }
}
