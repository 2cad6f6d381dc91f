using System.Net;
using System.Text.RegularExpressions;
using Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Console.Tests;

/// <summary>Teams in the console: create a team, invite by email (the token shown once to the inviter), accept it as the
/// invited account, the Personal/team switch scoping the keys page, a viewer seeing masked keys without the create,
/// reveal, roll and revoke buttons, a role change, a refusal (403 forbidden_role) shown, removing a member and the last
/// owner kept.</summary>
public sealed class TeamsTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [BrowserFact]
    public async Task An_owner_invites_a_viewer_who_sees_the_teams_keys_masked_without_the_buttons_of_other_roles()
    {
        const string owner = "owner@example.com";
        const string member = "member@example.com";
        var ownerToken = await Accounts.CreateWithSelectionAsync(fixture.Http, owner);
        var memberToken = await Accounts.CreateWithSelectionAsync(fixture.Http, member);
        await Accounts.CreateKeyAsync(fixture.Http, memberToken, new { name = "mine" });

        // The owner creates the team and invites the member as a viewer; the token is shown once, with Copy.
        await using var ownerConsole = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "teams-owner");
        var ownerPage = ownerConsole.Page;
        await Api.LogInAsync(ownerPage, owner, "/keys", "API Key Generation");
        await ownerPage.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Teams" }).ClickAsync();
        await Expect(ownerPage.GetByText("You are in no team yet.")).ToBeVisibleAsync();
        var create = ownerPage.GetByRole(AriaRole.Form, new() { Name = "Create a team" });
        await create.GetByLabel("Team name").FillAsync("Desk");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create team" }).ClickAsync();
        await Expect(ownerPage.GetByRole(AriaRole.Heading, new() { Name = "Desk", Level = 1 })).ToBeVisibleAsync();
        await Expect(ownerPage.GetByText("Your role: Owner.")).ToBeVisibleAsync();
        var teamId = new Uri(ownerPage.Url).Segments.Last();

        var invite = ownerPage.GetByRole(AriaRole.Form, new() { Name = "Invite a member" });
        await invite.GetByLabel("Email").FillAsync(member);
        await invite.GetByLabel("Role").SelectOptionAsync("viewer");
        await invite.GetByRole(AriaRole.Button, new() { Name = "Create invitation" }).ClickAsync();
        var shown = ownerPage.GetByRole(AriaRole.Dialog, new() { Name = "Invitation created" });
        await Expect(shown.GetByText("it is shown only this once")).ToBeVisibleAsync();
        var token = await shown.GetByLabel("Invitation token", new() { Exact = true }).InputValueAsync();
        token.ShouldStartWith("ksq_inv_");
        await shown.GetByRole(AriaRole.Button, new() { Name = "Copy the invitation token" }).ClickAsync();
        (await ownerPage.EvaluateAsync<string>("navigator.clipboard.readText()")).ShouldBe(token);
        await shown.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(ownerPage.GetByRole(AriaRole.Table, new() { Name = "Pending invitations" })).ToContainTextAsync(member);
        await ownerConsole.ScreenshotAsync("team");

        var (_, ownerKeys) = await Api.SendAsync(fixture.Http, HttpMethod.Post, "/v1/keys", ownerToken, new { name = "desk-bot", teamId, recoverable = true });
        var deskDisplay = ownerKeys.GetProperty("display").GetString()!;

        // The member accepts by token and works in the team as a viewer.
        await using var memberConsole = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "teams-member");
        var page = memberConsole.Page;
        await Api.LogInAsync(page, member, "/teams", "Teams");
        var accept = page.GetByRole(AriaRole.Form, new() { Name = "Accept an invitation" });
        await accept.GetByLabel("Invitation token").FillAsync(token);
        await accept.GetByRole(AriaRole.Button, new() { Name = "Join team" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Desk", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Your role: Viewer.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Invite a member" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Keys of this team" }).ClickAsync();
        await Expect(page.GetByLabel("Working in")).ToHaveValueAsync(teamId);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "desk-bot" });
        await Expect(row).ToContainTextAsync(deskDisplay);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "mine" })).ToHaveCountAsync(0);
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "View desk-bot" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create API Auth Key" })).ToHaveCountAsync(0);
        foreach (var action in new[] { "Roll", "Reveal", "Revoke" })
            await Expect(row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{action} ") })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("You are a Viewer in Desk");
        await memberConsole.ScreenshotAsync("viewer-keys");
        // Any member may make a team key their own active key (the selection is per account): it changes nothing of the team's.
        await row.GetByRole(AriaRole.Button, new() { Name = "Set desk-bot active" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Active key");

        // The key's page: masked, no edit; usage of the team.
        await row.GetByRole(AriaRole.Link, new() { Name = "View desk-bot" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "desk-bot", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("dl.details")).ToContainTextAsync("Team Desk (your role: Viewer)");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit key and restrictions" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Usage" }).ClickAsync();
        await Expect(page.GetByText("Every call made with the keys of the team Desk")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Key")).ToContainTextAsync("desk-bot");

        // Back to Personal: the member's own key and the Create button.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "API Key Generation" }).ClickAsync();
        await page.GetByLabel("Working in").SelectOptionAsync(new SelectOptionValue { Label = "Personal" });
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "mine" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create API Auth Key" })).ToBeVisibleAsync();

        // The owner makes the member a developer: in the team, the member now has Roll and Revoke.
        await ownerPage.ReloadAsync();
        var members = ownerPage.GetByRole(AriaRole.Table, new() { Name = "Members of Desk" });
        await members.GetByLabel($"Role of {member}", new() { Exact = true }).SelectOptionAsync("developer");
        await members.GetByRole(AriaRole.Button, new() { Name = $"Change the role of {member}" }).ClickAsync();
        await Expect(ownerPage.GetByText($"{member} is now Developer.")).ToBeVisibleAsync();
        await page.ReloadAsync(); // a new page load reads the member's roles again
        await page.GetByLabel("Working in").SelectOptionAsync(teamId);
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Revoke desk-bot" })).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Reveal desk-bot" })).ToHaveCountAsync(0); // not issued by them

        // Demoted again behind the page's back: the API's 403 forbidden_role is shown in the dialog, nothing revoked.
        var memberId = (await Api.SendAsync(fixture.Http, HttpMethod.Get, "/v1/me", memberToken)).Body.GetProperty("id").GetString();
        (await Api.SendAsync(fixture.Http, HttpMethod.Patch, $"/v1/teams/{teamId}/members/{memberId}", ownerToken, new { role = "viewer" }))
            .Status.ShouldBe(HttpStatusCode.OK);
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke desk-bot" }).ClickAsync();
        var revoke = page.GetByRole(AriaRole.Dialog, new() { Name = "Revoke desk-bot?" });
        await revoke.GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();
        await Expect(revoke.GetByRole(AriaRole.Alert)).ToContainTextAsync("needs the developer role or higher");
        await Expect(revoke.GetByRole(AriaRole.Alert)).ToContainTextAsync("403 forbidden_role");
        await memberConsole.ScreenshotAsync("forbidden-role", fullPage: false);
        await page.Keyboard.PressAsync("Escape");
        var (_, list) = await Api.SendAsync(fixture.Http, HttpMethod.Get, $"/v1/keys?teamId={teamId}&status=active", ownerToken);
        list.GetProperty("total").GetInt32().ShouldBe(1);

        // The owner removes the member, and cannot leave as the last owner (409 last_owner, shown).
        await ownerPage.ReloadAsync();
        await members.GetByRole(AriaRole.Button, new() { Name = $"Remove {member}" }).ClickAsync();
        var remove = ownerPage.GetByRole(AriaRole.Dialog, new() { Name = $"Remove {member}?" });
        await remove.GetByRole(AriaRole.Button, new() { Name = "Remove member" }).ClickAsync();
        await Expect(members.GetByRole(AriaRole.Row).Filter(new() { HasText = member })).ToHaveCountAsync(0);
        (await Api.SendAsync(fixture.Http, HttpMethod.Get, $"/v1/teams/{teamId}", memberToken)).Status.ShouldBe(HttpStatusCode.NotFound);
        await members.GetByRole(AriaRole.Button, new() { Name = "Leave team" }).ClickAsync();
        var leave = ownerPage.GetByRole(AriaRole.Dialog, new() { Name = "Leave Desk?" });
        await leave.GetByRole(AriaRole.Button, new() { Name = "Leave team" }).ClickAsync();
        await Expect(leave.GetByRole(AriaRole.Alert)).ToContainTextAsync("A team keeps at least one owner");

        ownerConsole.ShouldBeClean();
        memberConsole.ShouldBeClean();
    }
}
