using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Console.Tests;

/// <summary>Issue 13's "Done when": the seed's whole flow in Chromium, through the console only: sign up, log in, select
/// KALP DLT / Test Net, API Key Generation, create "tradingbot", copy the key, see it masked, call an API from All APIs,
/// see the call in Usage, revoke, see the next try refused with the API's message, log out.</summary>
public sealed class SeedFlowTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string Email = "trader@example.com";
    private const string Password = "correct horse battery";

    [BrowserFact]
    public async Task The_seed_flow_runs_in_the_browser_from_sign_up_to_a_refused_call_after_revoking()
    {
        await using var console = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "desktop");
        var page = console.Page;

        // Open KS Query: not signed in, so Log in.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await Expect(Heading(page, "Log in")).ToBeVisibleAsync();
        await console.ScreenshotAsync("login");

        // Sign up, then log in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();
        await Expect(Heading(page, "Sign up")).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync("too short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("One or more fields are invalid");
        await Expect(page.GetByLabel("Password")).ToHaveAccessibleDescriptionAsync(new Regex("between 12 and"));
        await page.GetByLabel("Password").FillAsync(Password);
        await console.ScreenshotAsync("signup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();

        await Expect(Heading(page, "Log in")).ToBeVisibleAsync();
        await Expect(page.GetByText("Your account is ready")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(Email);
        await page.GetByLabel("Password").FillAsync("wrong password!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not correct.");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        // Select blockchain and network: KALP DLT / Test Net; Ethereum and BNB Smart Chain (no upstream configured) coming soon.
        await Expect(Heading(page, "Select blockchain and network")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/network$"));
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "KALP DLT Test Net" })).ToBeEnabledAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Ethereum Mainnet (coming soon)" })).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "BNB Smart Chain Testnet (coming soon)" })).ToBeDisabledAsync();
        await Expect(page.Locator(".chain.is-soon .badge-soon")).ToHaveCountAsync(2);
        await Expect(page.Locator(".chain.is-soon").First).ToContainTextAsync("Coming soon");
        await page.GetByRole(AriaRole.Radio, new() { Name = "KALP DLT Test Net" }).CheckAsync();
        await console.ScreenshotAsync("network");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this network" }).ClickAsync();
        await Expect(page.GetByText("KALP DLT / Test Net selected.")).ToBeVisibleAsync();
        await Expect(page.Locator("#network-chip")).ToHaveTextAsync("KALP DLT / Test Net");

        // API Key Generation: Create API Auth Key with Key Name and Key Description, Create Now.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "API Key Generation" }).ClickAsync();
        await Expect(Heading(page, "API Key Generation")).ToBeVisibleAsync();
        await Expect(page.GetByText("No active keys yet.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create API Auth Key" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create API Auth Key" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Key Name").FillAsync("tradingbot");
        await dialog.GetByLabel("Key Description").FillAsync("API key for tradingbot");
        await console.ScreenshotAsync("create-key", fullPage: false);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create Now" }).ClickAsync();

        // The key, once, with a Copy button and the warning; copied to the clipboard.
        var created = page.GetByRole(AriaRole.Dialog, new() { Name = "API key created" });
        await Expect(created.GetByText("Copy this key now and keep it somewhere safe.")).ToBeVisibleAsync();
        var shown = created.GetByLabel("Your API key");
        await Expect(shown).ToHaveValueAsync(new Regex("^ksq_test_[0-9A-Za-z]+$"));
        var key = await shown.InputValueAsync();
        await created.GetByRole(AriaRole.Button, new() { Name = "Copy the API key" }).ClickAsync();
        await Expect(created.GetByText("Copied", new() { Exact = true })).ToBeVisibleAsync();
        (await page.EvaluateAsync<string>("navigator.clipboard.readText()")).ShouldBe(key);
        await console.ScreenshotAsync("key-created", fullPage: false);
        await created.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(created).ToBeHiddenAsync();

        // The list: masked, never the plaintext; active; quota use; after a reload too (the session is kept).
        var body = key["ksq_test_".Length..];
        var display = $"ksq_test_{body[..4]}…{body[^4..]}";
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "tradingbot" });
        await Expect(row).ToContainTextAsync("API key for tradingbot");
        await Expect(row).ToContainTextAsync(display);
        await Expect(row).ToContainTextAsync("Active key");
        await Expect(row).ToContainTextAsync("KALP DLT / Test Net");
        await Expect(row).ToContainTextAsync("0 / no limit");
        await page.ReloadAsync();
        await Expect(row).ToContainTextAsync(display);
        (await page.ContentAsync()).ShouldNotContain(key);
        await console.ScreenshotAsync("keys");

        // All APIs: the catalog grouped by category; Network info called with the copied key.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "All APIs" }).ClickAsync();
        await Expect(Heading(page, "All APIs")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Blocks", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("API key for Try it").FillAsync(await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        var networkInfo = await OpenApiAsync(page, "Network info");
        await networkInfo.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(networkInfo.Locator(".response-status")).ToContainTextAsync("200");
        await Expect(networkInfo.GetByLabel("Response body")).ToContainTextAsync("\"latestBlockNumber\"");
        await Expect(networkInfo.GetByLabel("Response headers")).ToContainTextAsync("ratelimit-limit: 100");
        await Expect(networkInfo.GetByLabel("curl command", new() { Exact = true })).ToContainTextAsync("/v1/kalp/testnet/network");
        var block = await OpenApiAsync(page, "Block by number");
        await block.GetByLabel("number", new() { Exact = true }).FillAsync("1");
        await block.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(block.Locator(".response-status")).ToContainTextAsync("200");
        await console.ScreenshotAsync("apis");

        // Usage: the two calls, per API.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Usage" }).ClickAsync();
        await Expect(Heading(page, "Usage")).ToBeVisibleAsync();
        await Expect(page.Locator(".stat", new() { Has = page.GetByText("Calls", new() { Exact = true }) }).Locator(".stat-value")).ToHaveTextAsync("2");
        var perApi = page.GetByRole(AriaRole.Table, new() { Name = "Calls per API" });
        await Expect(perApi.GetByRole(AriaRole.Row).Filter(new() { HasText = "network-info" })).ToContainTextAsync("ms");
        await Expect(perApi.GetByRole(AriaRole.Row).Filter(new() { HasText = "block" })).ToBeVisibleAsync();
        await Expect(page.Locator(".chart-frame svg rect.chart-ok")).Not.ToHaveCountAsync(0);
        await console.ScreenshotAsync("usage");
        await page.ReloadAsync();
        await Expect(perApi.GetByRole(AriaRole.Row).Filter(new() { HasText = "network-info" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Loading…")).ToHaveCountAsync(0);
        var shift = await console.LayoutShiftAsync();
        shift.Score.ShouldBeLessThanOrEqualTo(0.1, $"the usage page moves as its data arrives:\n{shift.Moved}");

        // Revoke, with confirmation; the next try is refused with the API's own message.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "API Key Generation" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke tradingbot" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Revoke tradingbot?" });
        await Expect(confirm).ToContainTextAsync(display);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();
        await Expect(confirm).ToBeHiddenAsync();
        await Expect(page.GetByText("No active keys yet.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "All APIs" }).ClickAsync();
        await page.GetByLabel("API key for Try it").FillAsync(key);
        networkInfo = await OpenApiAsync(page, "Network info");
        await networkInfo.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(networkInfo.Locator(".response-status")).ToContainTextAsync("401");
        var refusal = await RefusalOfAsync(key);
        await Expect(networkInfo.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"key_revoked: {refusal}");
        await console.ScreenshotAsync("apis-refused");

        // Usage lists the refused call.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Usage" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Refused calls" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "key_revoked" }).First)
            .ToContainTextAsync("tradingbot");

        // Log out ends the session on the server: its refresh token no longer refreshes.
        var refreshToken = await page.EvaluateAsync<string>("localStorage.getItem('ksq.refreshToken')");
        refreshToken.ShouldNotBeNullOrEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByText("You are logged out.")).ToBeVisibleAsync();
        (await page.EvaluateAsync<string?>("localStorage.getItem('ksq.refreshToken')")).ShouldBeNull();
        var refreshed = await fixture.Http.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken });
        refreshed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        console.ShouldBeClean();
    }

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });

    /// <summary>Opens an API of the catalog by its name; returns its Try it form.</summary>
    private static async Task<ILocator> OpenApiAsync(IPage page, string name)
    {
        var entry = page.Locator("details.api").Filter(new() { Has = page.Locator("summary", new() { HasText = name }) }).First;
        await entry.Locator("summary").ClickAsync();
        var form = entry.GetByRole(AriaRole.Form, new() { Name = $"Try it: {name}" });
        await Expect(form).ToBeVisibleAsync();
        return form;
    }

    /// <summary>The API's own detail for a call with a revoked key, asked directly.</summary>
    private async Task<string> RefusalOfAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/kalp/testnet/network");
        request.Headers.Add("X-Api-Key", key);
        using var response = await fixture.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("key_revoked");
        return problem.GetProperty("detail").GetString()!;
    }
}
