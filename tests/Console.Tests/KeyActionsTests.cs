using System.Net;
using System.Text.RegularExpressions;
using Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Console.Tests;

/// <summary>The per-key actions of API Key Generation besides creating and revoking: advanced settings, reveal of a
/// recoverable key (password prompt, the API's refusal of a wrong one), roll with a grace period, set active, view.</summary>
public sealed class KeyActionsTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [BrowserFact]
    public async Task Reveal_roll_set_active_and_view_work_from_the_key_list()
    {
        const string email = "actions@example.com";
        var token = await Accounts.CreateWithSelectionAsync(fixture.Http, email);
        await Accounts.CreateKeyAsync(fixture.Http, token, new { name = "first" });
        await using var console = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "actions");
        var page = console.Page;
        await page.GotoAsync("/login?next=/keys");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API Key Generation", Level = 1 })).ToBeVisibleAsync();

        // Advanced settings: a recoverable key with a monthly quota; the API's validation shows beside the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create API Auth Key" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create API Auth Key" });
        await dialog.GetByLabel("Key Name").FillAsync("vault");
        await dialog.GetByText("Advanced settings").ClickAsync();
        await dialog.GetByLabel("Rate limit (requests per second)").FillAsync("0");
        await dialog.GetByLabel("Monthly quota (calls)").FillAsync("500");
        await dialog.GetByLabel("Recoverable").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create Now" }).ClickAsync();
        await Expect(dialog.GetByLabel("Rate limit (requests per second)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByLabel("Rate limit (requests per second)")).ToHaveAccessibleDescriptionAsync(new Regex("rateLimitPerSecond"));
        await dialog.GetByLabel("Rate limit (requests per second)").FillAsync("5");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create Now" }).ClickAsync();
        var created = page.GetByRole(AriaRole.Dialog, new() { Name = "API key created" });
        var vaultKey = await created.GetByLabel("Your API key").InputValueAsync();
        await created.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        var vaultRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "vault" });
        await Expect(vaultRow).ToContainTextAsync("0 / 500");

        // Reveal asks for the password; a wrong one gets the API's answer.
        await page.GetByRole(AriaRole.Button, new() { Name = "Reveal vault" }).ClickAsync();
        var reveal = page.GetByRole(AriaRole.Dialog, new() { Name = "Reveal vault" });
        await reveal.GetByLabel("Your password").FillAsync("not my password");
        await reveal.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        await Expect(reveal.GetByRole(AriaRole.Alert)).ToContainTextAsync("password");
        await reveal.GetByLabel("Your password").FillAsync(Accounts.Password);
        await reveal.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog).GetByLabel("Your API key")).ToHaveValueAsync(vaultKey);
        await page.Keyboard.PressAsync("Escape");

        // Set active: "first" becomes the key All APIs uses.
        await page.GetByRole(AriaRole.Button, new() { Name = "Set first active" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "first" })).ToContainTextAsync("Active key");

        // Roll with a grace period: a new key, shown once; the old one still works and shows when it ends.
        await page.GetByRole(AriaRole.Button, new() { Name = "Roll vault" }).ClickAsync();
        var roll = page.GetByRole(AriaRole.Dialog, new() { Name = "Roll vault" });
        await roll.GetByLabel("Old key keeps working for").SelectOptionAsync("3600");
        await roll.GetByRole(AriaRole.Button, new() { Name = "Roll key" }).ClickAsync();
        var rolled = page.GetByRole(AriaRole.Dialog, new() { Name = "New key for vault" });
        var newKey = await rolled.GetByLabel("Your API key").InputValueAsync();
        newKey.ShouldStartWith("ksq_test_");
        newKey.ShouldNotBe(vaultKey);
        await rolled.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "vault" })).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "vault" }).Filter(new() { HasText = "Ends" })).ToHaveCountAsync(1);
        (await Accounts.CallAsync(fixture.Http, "/v1/kalp/testnet/network", vaultKey)).ShouldBe(HttpStatusCode.OK);
        (await Accounts.CallAsync(fixture.Http, "/v1/kalp/testnet/network", newKey)).ShouldBe(HttpStatusCode.OK);
        await console.ScreenshotAsync("keys");

        // View: the key's details and usage.
        await page.GetByRole(AriaRole.Link, new() { Name = "View first" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "first", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("dl.details")).ToContainTextAsync("100 requests per second");
        await console.ScreenshotAsync("key");

        console.ShouldBeClean();
    }

    [BrowserFact]
    public async Task A_session_ended_elsewhere_sends_the_console_to_log_in()
    {
        const string email = "elsewhere@example.com";
        await Accounts.CreateWithSelectionAsync(fixture.Http, email);
        await using var console = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "session");
        var page = console.Page;
        await page.GotoAsync("/usage");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?next=%2Fusage$"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Usage", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("No active keys.")).ToBeVisibleAsync(); // the page's last request has been answered

        // The same session logged out from somewhere else (its refresh token is the credential).
        var refreshToken = await page.EvaluateAsync<string>("localStorage.getItem('ksq.refreshToken')");
        (await fixture.Http.PostAsync("/v1/auth/logout", System.Net.Http.Json.JsonContent.Create(new { refreshToken }))).StatusCode
            .ShouldBe(HttpStatusCode.NoContent);

        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Expect(page.GetByText("Your session has ended. Log in again.")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        (await page.EvaluateAsync<string?>("localStorage.getItem('ksq.refreshToken')")).ShouldBeNull();

        console.ShouldBeClean();
    }
}
