using System.Net;
using Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Console.Tests;

/// <summary>At 375 px (a small phone) every page fits the width: nothing scrolls sideways, the dialog fits.</summary>
public sealed class PhoneLayoutTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [BrowserFact]
    public async Task Every_page_fits_a_375_px_screen_without_horizontal_scrolling()
    {
        const string email = "phone@example.com";
        var token = await Accounts.CreateWithSelectionAsync(fixture.Http, email);
        var (_, key) = await Accounts.CreateKeyAsync(fixture.Http, token,
            new { name = "mobile-app", description = "API key for the mobile app", monthlyQuota = 50000 });
        (await Accounts.CallAsync(fixture.Http, "/v1/kalp/testnet/network", key)).ShouldBe(HttpStatusCode.OK);
        (await Accounts.CallAsync(fixture.Http, "/v1/kalp/testnet/blocks/999999", key)).ShouldBe(HttpStatusCode.NotFound);

        await using var console = await ConsolePage.OpenAsync(fixture, ConsolePage.Phone, "phone");
        var page = console.Page;

        await page.GotoAsync("/login");
        await Expect(Heading(page, "Log in")).ToBeVisibleAsync();
        await FitsAsync(console, "login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(Heading(page, "API Key Generation")).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "mobile-app" });
        await Expect(row).ToContainTextAsync("2 / 50,000");
        await FitsAsync(console, "keys");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create API Auth Key" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create API Auth Key" });
        await Expect(dialog).ToBeVisibleAsync();
        (await dialog.BoundingBoxAsync())!.Width.ShouldBeLessThanOrEqualTo(375);
        await FitsAsync(console, "create-key", fullPage: false);
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "View mobile-app" }).ClickAsync();
        await Expect(Heading(page, "mobile-app")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Calls per API" })).ToContainTextAsync("network-info");
        await FitsAsync(console, "key");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Select blockchain and network" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "KALP DLT Test Net" })).ToBeCheckedAsync();
        await FitsAsync(console, "network");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "All APIs" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Blocks", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("API key for Try it").FillAsync(key);
        var entry = page.Locator("details.api").Filter(new() { Has = page.Locator("summary", new() { HasText = "Block by number" }) });
        await entry.Locator("summary").ClickAsync();
        await entry.GetByLabel("number", new() { Exact = true }).FillAsync("2");
        await entry.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(entry.Locator(".response-status")).ToContainTextAsync("200");
        await FitsAsync(console, "apis");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Usage" }).ClickAsync();
        await Expect(page.Locator(".stat", new() { Has = page.GetByText("Calls", new() { Exact = true }) }).Locator(".stat-value")).ToHaveTextAsync("3");
        await Expect(page.Locator(".chart-frame svg rect.chart-error")).Not.ToHaveCountAsync(0);
        await FitsAsync(console, "usage");

        // Loaded afresh, the pages do not move when their data arrives.
        foreach (var (path, ready) in new[] { ("/usage", "Calls per API"), ("/keys", "Your API keys") })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = ready }).GetByRole(AriaRole.Row)).Not.ToHaveCountAsync(1);
            await Expect(page.GetByText("Loading…")).ToHaveCountAsync(0);
            var shift = await console.LayoutShiftAsync();
            shift.Score.ShouldBeLessThanOrEqualTo(0.1, $"{path} moves as its data arrives:\n{shift.Moved}");
        }

        console.ShouldBeClean();
    }

    [BrowserFact]
    public async Task The_pages_of_restrictions_activity_teams_audit_and_account_fit_a_375_px_screen()
    {
        const string email = "phone17@example.com";
        var token = await Accounts.CreateWithSelectionAsync(fixture.Http, email);
        var (id, key) = await Accounts.CreateKeyAsync(fixture.Http, token, new
        {
            name = "fenced-app",
            restrictions = new { ipRanges = new[] { "2001:db8:1234:5678::/64" }, origins = new[] { "https://*.very-long-subdomain-name.example.com" },
                userAgents = new[] { "Mozilla/5.0 (Linux; Android 14) MobileAppWithALongName/1.2.3" }, apis = new[] { "network-info" } },
        });
        (await Accounts.CallAsync(fixture.Http, "/v1/kalp/testnet/network", key)).ShouldBe(HttpStatusCode.Forbidden);
        var (_, team) = await Api.SendAsync(fixture.Http, HttpMethod.Post, "/v1/teams", token, new { name = "Mobile team" });
        var teamId = team.GetProperty("id").GetString();
        (await Api.SendAsync(fixture.Http, HttpMethod.Post, $"/v1/teams/{teamId}/invitations", token, new { email = "later@example.com", role = "developer" }))
            .Status.ShouldBe(HttpStatusCode.Created);

        await using var console = await ConsolePage.OpenAsync(fixture, ConsolePage.Phone, "phone17");
        var page = console.Page;
        await Api.LogInAsync(page, email, $"/keys/{id}", "fenced-app");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Activity of fenced-app" })).ToContainTextAsync("Refused: key_restricted");
        await FitsAsync(console, "key-activity");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit key and restrictions" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Dialog, new() { Name = "Edit fenced-app" });
        await Expect(edit.GetByRole(AriaRole.Checkbox, new() { Name = "Network info network-info" })).ToBeCheckedAsync();
        (await edit.BoundingBoxAsync())!.Width.ShouldBeLessThanOrEqualTo(375);
        await FitsAsync(console, "edit-key", fullPage: false);
        await page.Keyboard.PressAsync("Escape");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Teams" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Your teams" })).ToContainTextAsync("Mobile team");
        await FitsAsync(console, "teams");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open Mobile team" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Pending invitations" })).ToContainTextAsync("later@example.com");
        await FitsAsync(console, "team");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Audit log entries" })).ToContainTextAsync("Member invited");
        await FitsAsync(console, "audit");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Sessions" })).ToContainTextAsync("This session");
        await FitsAsync(console, "account");

        console.ShouldBeClean();
    }

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });

    private static async Task FitsAsync(ConsolePage console, string name, bool fullPage = true)
    {
        await console.ScreenshotAsync(name, fullPage);
        var widths = await console.Page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var widest = await console.Page.EvaluateAsync<string>(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)" +
            ".map(e => e.tagName + '.' + e.className).slice(-3).join(', ')");
        widths[0].ShouldBeLessThanOrEqualTo(widths[1], $"the {name} page scrolls sideways at 375 px: {widest}");
    }
}
