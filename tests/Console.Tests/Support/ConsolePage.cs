using Microsoft.Playwright;

namespace Console.Tests.Support;

/// <summary>A browser tab on the console in a fresh context: requests to any other host are blocked and recorded,
/// console errors (a Content-Security-Policy violation among them) and page errors are recorded;
/// <see cref="ShouldBeClean"/> fails the test on either.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 860 };
    public static readonly ViewportSize Phone = new() { Width = 375, Height = 760 };

    private readonly List<string> _outsideRequests = [];
    private readonly List<string> _errors = [];
    private readonly List<string> _failedRequests = [];
    private readonly string _screenshotPrefix;

    private ConsolePage(IBrowserContext context, IPage page, string screenshotPrefix)
    {
        Context = context;
        Page = page;
        _screenshotPrefix = screenshotPrefix;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>Where screenshots go: screenshots/ beside the test assembly (a build output, not committed).</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<ConsolePage> OpenAsync(ConsoleFixture fixture, ViewportSize viewport, string screenshotPrefix)
    {
        var origin = fixture.Host.BaseAddress.GetLeftPart(UriPartial.Authority);
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = origin,
            ViewportSize = viewport,
            Locale = "en-US",
            TimezoneId = "UTC",
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        var page = await context.NewPageAsync();
        var console = new ConsolePage(context, page, screenshotPrefix);
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(origin + "/", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }
            lock (console._outsideRequests)
                console._outsideRequests.Add(route.Request.Url);
            await route.AbortAsync();
        });
        page.Console += (_, message) =>
        {
            // A 4xx answer the console asked for (a wrong password, a revoked key) is logged by Chromium as a failed
            // resource: that is the API working, not a fault of the page.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                lock (console._errors) console._errors.Add(message.Text);
        };
        page.PageError += (_, error) =>
        {
            lock (console._errors) console._errors.Add(error);
        };
        // A request that got no answer at all (refused by the policy, aborted by the route above, or a network failure).
        page.RequestFailed += (_, request) =>
        {
            lock (console._failedRequests) console._failedRequests.Add($"{request.Method} {request.Url}: {request.Failure}");
        };
        return console;
    }

    /// <summary>Saves screenshots/{prefix}-{name}.png: the whole page, or only the viewport (for an open dialog, whose
    /// backdrop covers the viewport).</summary>
    public async Task ScreenshotAsync(string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        // A full-page capture of a scrolled page would draw the sticky top bar where the scroll left it.
        if (fullPage)
            await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"{_screenshotPrefix}-{name}.png"), FullPage = fullPage });
    }

    /// <summary>The page's cumulative layout shift since it was loaded (shifts right after an input excluded), as
    /// Chromium's Layout Instability API reports it (0.1 or less is what web.dev calls good), and what moved.</summary>
    public async Task<LayoutShift> LayoutShiftAsync() => await Page.EvaluateAsync<LayoutShift>("""
        (() => {
          const observer = new PerformanceObserver(() => {});
          observer.observe({ type: 'layout-shift', buffered: true });
          const shifts = observer.takeRecords().filter(e => !e.hadRecentInput);
          observer.disconnect();
          const describe = s => `${s.node ? `${s.node.nodeName}.${s.node.className || ''} "${(s.node.textContent || '').trim().slice(0, 30)}"` : '?'}`
            + ` y ${Math.round(s.previousRect.y)} -> ${Math.round(s.currentRect.y)}, x ${Math.round(s.previousRect.x)} -> ${Math.round(s.currentRect.x)}`;
          return {
            score: shifts.reduce((sum, e) => sum + e.value, 0),
            moved: shifts.map(e => `${e.value.toFixed(3)} at ${Math.round(e.startTime)} ms: ${e.sources.map(describe).join('; ')}`).join('\n'),
          };
        })()
        """);

    public sealed class LayoutShift
    {
        public double Score { get; set; }
        public string Moved { get; set; } = "";
    }

    /// <summary>Requests that got no answer (not those answered with an error status), as "METHOD url: reason".</summary>
    public IReadOnlyList<string> FailedRequests
    {
        get { lock (_failedRequests) return [.. _failedRequests]; }
    }

    /// <summary>Requests for another host, each blocked, as their URLs.</summary>
    public IReadOnlyList<string> OutsideRequests
    {
        get { lock (_outsideRequests) return [.. _outsideRequests]; }
    }

    /// <summary>No request left for another host, no script or policy error.</summary>
    public void ShouldBeClean()
    {
        lock (_outsideRequests)
            _outsideRequests.ShouldBeEmpty("the console must not ask any other host for anything");
        lock (_errors)
            _errors.ShouldBeEmpty("the console must run without script errors or Content-Security-Policy violations");
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
