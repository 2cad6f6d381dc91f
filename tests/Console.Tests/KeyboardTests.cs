using Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Console.Tests;

/// <summary>Keyboard only: log in, reach Create API Auth Key with Tab, fill the dialog (focus stays in it), create the key,
/// copy it and close with Escape; focus is visible all along and comes back to the button that opened the dialog.</summary>
public sealed class KeyboardTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string Focused = "document.activeElement";

    [BrowserFact]
    public async Task A_key_can_be_created_with_the_keyboard_alone()
    {
        const string email = "keyboard@example.com";
        await Accounts.CreateWithSelectionAsync(fixture.Http, email);
        await using var console = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "keyboard");
        var page = console.Page;
        var keyboard = page.Keyboard;

        await page.GotoAsync("/login");
        await Expect(page.GetByLabel("Email")).ToBeFocusedAsync();
        await keyboard.TypeAsync(email);
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Password")).ToBeFocusedAsync();
        await keyboard.TypeAsync(Accounts.Password);
        await keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API Key Generation", Level = 1 })).ToBeVisibleAsync();

        await TabToAsync(page, "Create API Auth Key");
        await keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create API Auth Key" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByLabel("Key Name")).ToBeFocusedAsync();
        await keyboard.TypeAsync("keyboard-bot");
        await keyboard.PressAsync("Tab");
        await Expect(dialog.GetByLabel("Key Description")).ToBeFocusedAsync();
        await keyboard.TypeAsync("Made without a mouse");
        await TabToAsync(page, "Create Now", insideDialog: true);
        await keyboard.PressAsync("Enter");

        var created = page.GetByRole(AriaRole.Dialog, new() { Name = "API key created" });
        await Expect(created.GetByLabel("Your API key")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^ksq_test_"));
        await Expect(created.GetByRole(AriaRole.Button, new() { Name = "Copy the API key" })).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Expect(created.GetByText("Copied", new() { Exact = true })).ToBeVisibleAsync();
        (await page.EvaluateAsync<string>("navigator.clipboard.readText()")).ShouldStartWith("ksq_test_");

        // Focus never leaves the open dialog: a full round of Tab stays inside it.
        for (var i = 0; i < 8; i++)
        {
            await keyboard.PressAsync("Tab");
            (await page.EvaluateAsync<bool>($"{Focused}.closest('dialog') !== null")).ShouldBeTrue("Tab left the open dialog");
        }
        await keyboard.PressAsync("Escape");
        await Expect(created).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create API Auth Key" })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "keyboard-bot" })).ToContainTextAsync("Made without a mouse");
        await console.ScreenshotAsync("keys");

        console.ShouldBeClean();
    }

    /// <summary>Presses Tab until the focused control is named <paramref name="name"/> (at most 40 times), checking that
    /// every focused control shows a focus outline and, when asked, stays in the open dialog.</summary>
    private static async Task TabToAsync(IPage page, string name, bool insideDialog = false)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<FocusState>($$"""
                (() => {
                  const element = {{Focused}};
                  const style = getComputedStyle(element);
                  return {
                    name: (element.getAttribute('aria-label') || element.textContent || '').trim(),
                    outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                    inDialog: element.closest('dialog') !== null,
                  };
                })()
                """);
            focus.Outlined.ShouldBeTrue($"'{focus.Name}' has no visible focus");
            if (insideDialog)
                focus.InDialog.ShouldBeTrue($"'{focus.Name}' is outside the open dialog");
            if (focus.Name == name)
                return;
        }
        throw new ShouldAssertException($"'{name}' was not reached with Tab.");
    }

    private sealed class FocusState
    {
        public string Name { get; set; } = "";
        public bool Outlined { get; set; }
        public bool InDialog { get; set; }
    }
}
