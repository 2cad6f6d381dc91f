using KsQuery.Host.Http;
using Scalar.AspNetCore;

namespace KsQuery.Host.OpenApi;

internal static class ScalarSetup
{
    /// <summary>Where the web console lives (src/Console, mapped at the root).</summary>
    private const string ConsolePath = "/";

    // A bar above the reference with the way back to the console; Scalar keeps its sticky sidebar and header below a bar
    // of --scalar-custom-header-height. Inline styles are what the Scalar page's policy allows (style-src 'unsafe-inline').
    private const string ConsoleBar =
        $"""<nav class="ksq-docs-bar" aria-label="KS Query"><strong>KS Query API</strong><a href="{ConsolePath}">Open the KS Query console</a></nav>""";

    private const string ConsoleBarCss = """
        :root { --scalar-custom-header-height: 40px; }
        .ksq-docs-bar { position: sticky; top: 0; z-index: 100; box-sizing: border-box; height: 40px; display: flex;
          align-items: center; gap: 16px; padding: 0 16px; font: 14px/1 system-ui, sans-serif;
          background: var(--scalar-background-2, #f6f6f6); border-bottom: 1px solid var(--scalar-border-color, #ddd); }
        .ksq-docs-bar a { color: var(--scalar-color-accent, #0b5ad9); }
        """;

    /// <summary>Scalar at <c>/scalar/v1</c> for a self-hosted, offline product, fit for <see cref="SecurityHeaders.ScalarPolicy"/>:
    /// a fresh nonce on its script tags for every page; nothing from another host (no fonts from Scalar's CDN, no telemetry);
    /// none of Scalar's cloud features (its developer toolbar with Share, Generate SDK and Deploy, Agent Scalar's Ask AI,
    /// MCP, the "Open API Client" button to client.scalar.com); both credentials selected up front, so the access token
    /// and the API key are pasted once in Authentication and sent with every request (the dashboard routes read the
    /// bearer token, the chain APIs the X-Api-Key header, which wins over Authorization there); and a link to the console.</summary>
    public static IEndpointConventionBuilder MapKsQueryScalar(this WebApplication app) =>
        app.MapScalarApiReference(SecurityHeaders.ScalarPrefix, options => options
            .WithTitle("KS Query API")
            .WithNonce()
            .DisableDefaultFonts()
            .DisableTelemetry()
            .HideDeveloperTools()
            .DisableAgent()
            .DisableMcp()
            .HideClientButton()
            .AddPreferredSecuritySchemes([KsQueryComponents.Bearer, KsQueryComponents.ApiKey])
            .AddHeaderContent(ConsoleBar)
            .WithCustomCss(ConsoleBarCss));
}
