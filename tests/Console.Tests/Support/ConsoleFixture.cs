using Microsoft.Playwright;

namespace Console.Tests.Support;

/// <summary>The host alone, for tests of what it serves (no browser).</summary>
public class HostFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public ConsoleHost Host { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        Host = new ConsoleHost(_data.Path);
        Host.Start();
        Http = Host.CreateHttpClient();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>One host and one Chromium per test class; each test opens its own browser context (fresh storage).</summary>
public sealed class ConsoleFixture : HostFixture
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(Chromium.MissingButRequired);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!Chromium.IsAvailable)
            return; // skipped tests need no browser; with KSQ_REQUIRE_BROWSER=1 they run and fail on Browser's message
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.ExecutablePath,
            Args = ["--no-sandbox"],
        });
    }

    public override async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
