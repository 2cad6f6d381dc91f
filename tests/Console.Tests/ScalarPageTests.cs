using Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Console.Tests;

/// <summary>Issue 14: Scalar at /scalar/v1 is fit for a self-hosted, offline product. In headless Chromium with every
/// request to another host blocked it renders the reference with no failed request and no policy violation, offers
/// none of Scalar's cloud features, offers both credentials (the dashboard's bearer token and the chain APIs' key), and
/// links the console. The host runs on 127.0.0.1, which Scalar treats as "localhost": the case where it shows the most
/// (its developer toolbar and Ask AI appear on localhost unless configured away).</summary>
public sealed class ScalarPageTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    /// <summary>Labels of Scalar's cloud features (its developer toolbar, Agent Scalar, MCP, SDK generation, the hosted
    /// API client), as Scalar 2.19's English texts name them.</summary>
    /// <summary>The first render parses the whole document (about 1.2 MB with the EVM plugin's 64 operations): a bounded wait
    /// longer than the default 5 s, for a loaded machine.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions FirstRender = new() { Timeout = 30_000 };

    public static readonly string[] CloudLabels =
    [
        "Developer Tools", "Configure", "Share", "Deploy", "Deploy .NET", "Deploy API", "Generate SDK", "Generate SDKs & MCP",
        "Ask AI", "Ask AI Agent", "Generate MCP", "Connect MCP", "Open API Client",
    ];

    [BrowserFact]
    public async Task Scalar_renders_the_reference_with_every_other_host_blocked_and_no_failed_request()
    {
        await using var scalar = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "scalar");
        var page = scalar.Page;

        await page.GotoAsync("/scalar/v1");
        await Expect(page.GetByText("Create a dashboard account").First).ToBeVisibleAsync(FirstRender);
        // Fonts and lazy chunks are asked for once the reference is drawn; wait until the page is quiet to see them all.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await scalar.ScreenshotAsync("reference", fullPage: false);

        scalar.OutsideRequests.ShouldBeEmpty("Scalar must ask no other host for anything (fonts, scripts, telemetry, proxy)");
        scalar.FailedRequests.ShouldBeEmpty("every request of the page must be answered");
        scalar.ShouldBeClean();
    }

    [BrowserFact]
    public async Task Scalar_shows_none_of_its_cloud_features()
    {
        await using var scalar = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "scalar-cloud");
        var page = scalar.Page;

        await page.GotoAsync("/scalar/v1");
        await Expect(page.GetByText("Create a dashboard account").First).ToBeVisibleAsync(FirstRender);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var shown = (await page.InnerTextAsync("body")).Split('\n').Select(line => line.Trim()).ToHashSet(StringComparer.Ordinal);
        CloudLabels.Where(shown.Contains).ShouldBeEmpty("Scalar's cloud features have no place in a self-hosted, offline product");
        foreach (var label in CloudLabels)
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true })).ToHaveCountAsync(0);
        scalar.ShouldBeClean();
    }

    [BrowserFact]
    public async Task The_token_and_the_key_pasted_once_in_Authentication_are_sent_by_Test_Request_to_both_kinds_of_route()
    {
        var token = await Accounts.CreateWithSelectionAsync(fixture.Http, "scalar-auth@example.com");
        var (_, key) = await Accounts.CreateKeyAsync(fixture.Http, token, new { name = "docs" });
        await using var scalar = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "scalar-auth");
        var page = scalar.Page;

        await page.GotoAsync("/scalar/v1");
        await Expect(page.GetByText("Selected Auth Type: bearer & apiKey").First).ToBeVisibleAsync(FirstRender);
        await Expect(page.GetByLabel("Bearer Token").First).ToBeVisibleAsync();
        await Expect(page.GetByText("X-Api-Key", new() { Exact = true }).First).ToBeVisibleAsync();
        await page.GetByLabel("Bearer Token").First.FillAsync(token);
        await page.GetByLabel("Value").First.FillAsync(key);

        var me = await SendFromTestRequestAsync(page, "tag/me/GET/v1/me", "/v1/me");
        me.Status.ShouldBe(200);
        (await me.Request.HeaderValueAsync("authorization")).ShouldBe($"Bearer {token}");

        var latest = await SendFromTestRequestAsync(page, "tag/kalp-dlt-test-net-blocks/GET/v1/kalp/testnet/blocks/latest", "/v1/kalp/testnet/blocks/latest");
        latest.Status.ShouldBe(200);
        (await latest.Request.HeaderValueAsync("x-api-key")).ShouldBe(key);
        await scalar.ScreenshotAsync("test-request", fullPage: false);

        scalar.OutsideRequests.ShouldBeEmpty();
        scalar.FailedRequests.ShouldBeEmpty();
        scalar.ShouldBeClean();
    }

    [BrowserFact]
    public async Task The_docs_page_links_the_console()
    {
        await using var scalar = await ConsolePage.OpenAsync(fixture, ConsolePage.Desktop, "scalar-console-link");
        var page = scalar.Page;

        await page.GotoAsync("/scalar/v1");
        await Expect(page.GetByText("Create a dashboard account").First).ToBeVisibleAsync(FirstRender);
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the KS Query console" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        scalar.ShouldBeClean();
    }

    /// <summary>Opens an operation by its anchor, presses its Test Request, sends it from the API client and closes the client.</summary>
    private static async Task<IResponse> SendFromTestRequestAsync(IPage page, string anchor, string path)
    {
        await page.GotoAsync($"/scalar/v1#{anchor}");
        var operation = page.Locator($"[id='v1/{anchor}']");
        await operation.GetByRole(AriaRole.Button, new() { Name = "Test Request" }).ClickAsync();
        var client = page.GetByRole(AriaRole.Dialog);
        var response = await page.RunAndWaitForResponseAsync(
            // The button's name is "Send get request to" and the address (the page's origin, then the path).
            () => client.GetByRole(AriaRole.Button, new() { Name = $"Send get request to" }).ClickAsync(),
            r => new Uri(r.Url).AbsolutePath == path);
        // The client opens here, not at client.scalar.com.
        await Expect(client.GetByText("Open API Client")).ToHaveCountAsync(0);
        await client.GetByRole(AriaRole.Button, new() { Name = "Close Client" }).ClickAsync();
        await Expect(client).ToHaveCountAsync(0);
        return response;
    }
}
