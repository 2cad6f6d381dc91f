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
        await Expect(page.GetByText("Create a dashboard account").First).ToBeVisibleAsync();
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
        await Expect(page.GetByText("Create a dashboard account").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var shown = (await page.InnerTextAsync("body")).Split('\n').Select(line => line.Trim()).ToHashSet(StringComparer.Ordinal);
        CloudLabels.Where(shown.Contains).ShouldBeEmpty("Scalar's cloud features have no place in a self-hosted, offline product");
        foreach (var label in CloudLabels)
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true })).ToHaveCountAsync(0);
        scalar.ShouldBeClean();
    }
}
