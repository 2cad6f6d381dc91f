namespace Console.Tests.Support;

/// <summary>Debian's Chromium, which the browser tests drive (Playwright brings its driver, never a browser).
/// <c>KSQ_CHROMIUM</c> names another executable; <c>KSQ_REQUIRE_BROWSER=1</c> (set by .ci/run) makes a missing one a failure.</summary>
internal static class Chromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("KSQ_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool IsRequired => Environment.GetEnvironmentVariable("KSQ_REQUIRE_BROWSER") == "1";

    public static bool IsAvailable => File.Exists(ExecutablePath);

    public static string SkipReason =>
        $"Chromium not found at {ExecutablePath}: browser tests skipped; install Debian's chromium or set KSQ_REQUIRE_BROWSER=1 to fail";

    public static string MissingButRequired =>
        $"Chromium not found at {ExecutablePath}, and KSQ_REQUIRE_BROWSER=1 requires the browser tests: install Debian's chromium " +
        "(apt-get install chromium) or name another executable with KSQ_CHROMIUM.";
}

/// <summary>A test that drives Chromium: skipped with <see cref="Chromium.SkipReason"/> when it is missing, unless required.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsAvailable && !Chromium.IsRequired)
            Skip = Chromium.SkipReason;
    }
}
