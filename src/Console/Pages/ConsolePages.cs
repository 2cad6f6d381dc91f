namespace KsQuery.WebConsole.Pages;

/// <summary>The console's page routes: a deep link to any of them (a bookmark, a reload) answers with the console page,
/// whose script shows the page of the URL. They mirror the routes of <c>wwwroot/assets/js/routes.js</c>.</summary>
internal static class ConsolePages
{
    public static readonly IReadOnlyList<string> Routes =
    [
        "/",
        "/login",
        "/signup",
        "/network",
        "/keys",
        "/keys/{id}",
        "/apis",
        "/usage",
        "/teams",
        "/teams/{id}",
        "/audit",
        "/account",
    ];
}
