using System.Net;
using Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Console.Tests;

/// <summary>The Audit log page over GET /v1/audit: newest first, with the filters by key, action, actor and time; an
/// unknown actor or a bad range is the API's answer shown on the page.</summary>
public sealed class AuditLogTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [BrowserFact]
    public async Task The_audit_log_lists_the_accounts_actions_newest_first_and_filters_them()
    {
        const string email = "auditor@example.com";
        var token = await Accounts.CreateWithSelectionAsync(fixture.Http, email);
        var (alphaId, _) = await Accounts.CreateKeyAsync(fixture.Http, token, new { name = "alpha" });
        await Accounts.CreateKeyAsync(fixture.Http, token, new { name = "beta" });
        (await Api.SendAsync(fixture.Http, HttpMethod.Post, $"/v1/keys/{alphaId}/revoke", token)).Status.ShouldBe(HttpStatusCode.OK);

        await using var console = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "audit");
        var page = console.Page;
        await Api.LogInAsync(page, email, "/keys", "API Key Generation");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();

        // Newest first: this login (through the page), the revoke, beta, alpha, the API login, the account.
        var entries = page.GetByRole(AriaRole.List, new() { Name = "Audit log entries" }).GetByRole(AriaRole.Listitem);
        await Expect(entries.First).ToContainTextAsync("Logged in");
        await Expect(entries.Nth(1)).ToContainTextAsync("Key revoked");
        await Expect(entries.Nth(1)).ToContainTextAsync("alpha");
        await Expect(entries.Last).ToContainTextAsync("Account created");

        // By key: alpha's creation and revocation only.
        var filters = page.GetByRole(AriaRole.Form, new() { Name = "Filters" });
        await filters.GetByLabel("Key").SelectOptionAsync(new SelectOptionValue { Value = alphaId });
        await filters.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(entries).ToHaveCountAsync(2);
        await Expect(entries.First).ToContainTextAsync("Key revoked");
        await Expect(entries.Last).ToContainTextAsync("Key created");

        // By action, over every key: the two creations.
        await filters.GetByLabel("Key").SelectOptionAsync(new SelectOptionValue { Value = "" });
        await filters.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Value = "key.created" });
        await filters.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(entries).ToHaveCountAsync(2);
        await Expect(entries.First).ToContainTextAsync("beta");

        // A time range that ended before anything happened: nothing.
        await filters.GetByLabel("Until").FillAsync("2001-01-01T00:00");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(page.GetByText("No entries match.")).ToBeVisibleAsync();

        // The API's refusal of a bad filter (from after to) is shown as it says it.
        await filters.GetByLabel("From").FillAsync("2002-01-01T00:00");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("One or more fields are invalid.");
        await Expect(filters.GetByLabel("From")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(filters.GetByLabel("From")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("before"));

        // By actor: another account's id shows nothing of this one.
        await filters.GetByLabel("From").FillAsync("");
        await filters.GetByLabel("Until").FillAsync("");
        await filters.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Value = "" });
        await filters.GetByLabel("Actor (account id)").FillAsync("0123456789abcdef0123456789abcdef");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(page.GetByText("No entries match.")).ToBeVisibleAsync();
        await console.ScreenshotAsync("audit");

        console.ShouldBeClean();
    }
}
