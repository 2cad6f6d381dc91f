using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Console.Tests.Support;

/// <summary>Dashboard calls with an access token, for seeding and checking what a page did through the HTTP API, and
/// logging in through the console's page.</summary>
public static class Api
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, HttpMethod method, string path,
        string? token, object? body = null, string? userAgent = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (userAgent is not null)
            request.Headers.UserAgent.ParseAdd(userAgent);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Logs in through the console's Log in page and waits for the page <paramref name="next"/> to show
    /// <paramref name="heading"/>.</summary>
    public static async Task LogInAsync(IPage page, string email, string next, string heading, string password = Accounts.Password)
    {
        await page.GotoAsync($"/login?next={Uri.EscapeDataString(next)}");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
    }
}
