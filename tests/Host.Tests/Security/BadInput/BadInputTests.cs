using System.Net.Http.Headers;
using System.Net.Http.Json;
using Host.Tests.Security.Support;
using Xunit.Abstractions;
using static Host.Tests.Security.BadInput.BadValues;

namespace Host.Tests.Security.BadInput;

/// <summary>The bad-input suite: every case of <see cref="BadInputSuite"/> through one host. Each must answer the 4xx
/// problem details docs/api.md gives it (never 500, nothing from an exception), change nothing stored for the caller or
/// another account, and leave usage counting working for everyone.</summary>
public sealed class BadInputTests(SecurityFixture fixture, ITestOutputHelper output) : IClassFixture<SecurityFixture>
{
    public static TheoryData<string> Current => BadInputSuite.Names();

    [Theory]
    [MemberData(nameof(Current))]
    public Task Bad_input_is_refused_with_problem_details_and_changes_nothing(string name) => RunAsync(name);

    [Fact]
    public void Every_route_of_the_running_host_has_bad_input_cases()
    {
        var served = RouteInventory.Routes(fixture.Host.Services);
        var covered = BadInputSuite.All.Select(c => c.Route).ToHashSet(StringComparer.Ordinal);
        served.Where(r => !covered.Contains(r)).ShouldBeEmpty(
            "routes without bad-input cases: add them to DashboardRoutes (chain APIs come from the catalog)");
        var known = BadInputSuite.Routes.Select(r => r.Route).ToHashSet(StringComparer.Ordinal);
        known.Where(r => !served.Contains(r)).ShouldBeEmpty("specs for routes the host does not serve");
        covered.Where(r => !known.Contains(r)).ShouldBeEmpty("cases for routes that have no spec");
    }

    [Fact]
    public void The_generator_is_seeded_and_makes_at_least_300_cases_over_every_route()
    {
        var again = BadInputGenerator.Generate(BadInputSuite.Routes);
        again.Select(c => c.Name).ShouldBe(BadInputSuite.Generated.Select(c => c.Name));
        BadInputSuite.Generated.Count.ShouldBeGreaterThanOrEqualTo(300);
        BadInputSuite.Generated.Select(c => c.Route).Distinct().Count().ShouldBe(BadInputSuite.Routes.Count);
        BadInputSuite.All.Select(c => c.Name).ShouldBeUnique();
        output.WriteLine($"seed {BadInputGenerator.Seed}: {BadInputSuite.Generated.Count} generated, {EdgeCases.All.Count} hand-written");
        foreach (var c in BadInputSuite.All)
            output.WriteLine(c.Name);
    }

    private async Task RunAsync(string name)
    {
        var (c, index) = BadInputSuite.Find(name);
        var probe = c.UsesProbeEmail ? $"probe-{index}@example.com" : null;
        using var request = Build(c, probe);
        using var response = await fixture.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{c.Method} {Shorten(request.RequestUri!.PathAndQuery)} -> {(int)response.StatusCode} {Shorten(body)}");

        ProblemAssertions.ShouldBeProblem((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, c.Status, c.Code, name);

        if (probe is not null)
        {
            // The refused sign-up (or any other request naming this address) created no account with it.
            using var signUp = await fixture.Http.PostAsJsonAsync("/v1/accounts", new { email = probe, password = SecurityFixture.Password });
            ((int)signUp.StatusCode).ShouldBe(201, $"{name}: {probe} is taken after the case");
        }
        await fixture.ShouldBeUnchangedAndStillCountingAsync(name);
    }

    private HttpRequestMessage Build(BadInputCase c, string? probe)
    {
        var path = fixture.Resolve(c.Path);
        var request = new HttpRequestMessage(new HttpMethod(c.Method), path);
        if (c.Body is not null)
        {
            var text = fixture.Resolve(c.Body);
            if (probe is not null)
                text = text.Replace("@probe@", probe);
            request.Content = new ByteArrayContent(BadInputGenerator.Bytes(text, c.BodyBytes));
            if (c.ContentType is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType);
        }
        switch (c.As)
        {
            case Credential.CallerToken:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Caller.Token);
                break;
            case Credential.CallerKey:
                request.Headers.Add("X-Api-Key", fixture.CallerKey.Plaintext);
                break;
            case Credential.RevokedKey:
                request.Headers.Add("X-Api-Key", fixture.CallerRevokedKey.Plaintext);
                break;
        }
        foreach (var (header, value) in c.Headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(header, fixture.Resolve(value)).ShouldBeTrue(header);
        return request;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
