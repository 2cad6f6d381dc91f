using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Console.Tests;

/// <summary>The Account page: change the password (a wrong current one refused; the other sessions end), list and end
/// sessions, and delete the account after a confirmation that says what happens (its keys refused at once).</summary>
public sealed class AccountTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string NewPassword = "a much longer new passphrase";

    [BrowserFact]
    public async Task Password_change_ends_the_other_sessions_and_a_session_can_be_ended_from_the_list()
    {
        const string email = "hygiene@example.com";
        await Accounts.CreateWithSelectionAsync(fixture.Http, email); // a first session, from this test (another user agent)
        var other = await fixture.Http.PostAsJsonAsync("/v1/auth/login", new { email, password = Accounts.Password });
        var otherRefresh = (await other.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("refreshToken").GetString();

        await using var console = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "account");
        var page = console.Page;
        await Api.LogInAsync(page, email, "/keys", "API Key Generation");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account", Level = 1 })).ToBeVisibleAsync();

        var sessions = page.GetByRole(AriaRole.Table, new() { Name = "Sessions" }).Locator("tbody").GetByRole(AriaRole.Row);
        await Expect(sessions).ToHaveCountAsync(3);
        await Expect(sessions.Filter(new() { HasText = "This session" })).ToHaveCountAsync(1);

        // End one other session: its refresh token is refused from then on.
        await sessions.Filter(new() { HasText = "Other session" }).First.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByText("The session is ended")).ToBeVisibleAsync();
        await Expect(sessions).ToHaveCountAsync(2);

        // A wrong current password is the API's refusal; the right one ends every other session.
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Change password" });
        await form.GetByLabel("Current password").FillAsync("not the password");
        await form.GetByLabel("New password").FillAsync(NewPassword);
        await form.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("password");
        await form.GetByLabel("Current password").FillAsync(Accounts.Password);
        await form.GetByLabel("New password").FillAsync("too short");
        await form.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(form.GetByLabel("New password")).ToHaveAttributeAsync("aria-invalid", "true");
        await form.GetByLabel("New password").FillAsync(NewPassword);
        await form.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.GetByText("Your password is changed. Your other sessions have ended.")).ToBeVisibleAsync();
        await Expect(sessions).ToHaveCountAsync(1);
        await Expect(sessions.First).ToContainTextAsync("This session");
        (await fixture.Http.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = otherRefresh })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await fixture.Http.PostAsJsonAsync("/v1/auth/login", new { email, password = NewPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await console.ScreenshotAsync("account");

        // Ending this session logs out here.
        await page.GetByRole(AriaRole.Button, new() { Name = "End this session (log out)" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await Expect(page.GetByText("You are logged out.")).ToBeVisibleAsync();

        console.ShouldBeClean();
    }

    [BrowserFact]
    public async Task Deleting_the_account_says_what_happens_asks_for_the_password_and_revokes_its_keys()
    {
        const string email = "leaving@example.com";
        var token = await Accounts.CreateWithSelectionAsync(fixture.Http, email);
        var (_, key) = await Accounts.CreateKeyAsync(fixture.Http, token, new { name = "last" });
        (await Accounts.CallAsync(fixture.Http, "/v1/kalp/testnet/network", key)).ShouldBe(HttpStatusCode.OK);

        await using var console = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "delete");
        var page = console.Page;
        await Api.LogInAsync(page, email, "/account", "Account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete account…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete your account?" });
        await Expect(dialog).ToContainTextAsync("every API key of yours is revoked");
        await Expect(dialog).ToContainTextAsync("every session ends");
        await Expect(dialog).ToContainTextAsync("There is no undo.");
        await console.ScreenshotAsync("delete", fullPage: false);

        await dialog.GetByLabel("Your password").FillAsync("not the password");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("password");
        (await Accounts.CallAsync(fixture.Http, "/v1/kalp/testnet/network", key)).ShouldBe(HttpStatusCode.OK);

        await dialog.GetByLabel("Your password").FillAsync(Accounts.Password);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await Expect(page.GetByText("Your account is deleted and its keys are revoked.")).ToBeVisibleAsync();
        (await Accounts.CallAsync(fixture.Http, "/v1/kalp/testnet/network", key)).ShouldBe(HttpStatusCode.Unauthorized);
        (await fixture.Http.PostAsJsonAsync("/v1/auth/login", new { email, password = Accounts.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        console.ShouldBeClean();
    }
}
