using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Host.Tests.Security.Faults;

/// <summary>SIGTERM while keyed calls are being served: the calls in flight are answered, usage is written before the
/// process exits (code 0), and a new host on the same data directory counts every call that got an answer.</summary>
public sealed class GracefulStopTests(ITestOutputHelper output) : IDisposable
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Plugins:kalp:Blocks"] = "240",
        ["Plugins:kalp:BlockIntervalSeconds"] = "0",
        ["Keys:Argon2:MemoryKiB"] = "1024",
        ["Keys:Argon2:Iterations"] = "1",
        ["Keys:Argon2:Parallelism"] = "1",
        // Far longer than the test: only the graceful stop itself, never a periodic flush, can have written the last calls.
        ["Usage:FlushInterval"] = "00:10:00",
        ["Shutdown:Timeout"] = "00:00:30",
    };

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_SIGTERM_during_calls_exits_0_and_loses_no_answered_call_from_usage()
    {
        const string email = "graceful@example.com";
        long answered = 0, failed = 0;
        await using (var first = await HostProcess.StartAsync(_data.Path, Settings))
        {
            var token = await SignUpAsync(first.Http, email);
            var key = await CreateKeyAsync(first.Http, token);

            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/kalp/testnet/network");
                        request.Headers.Add("X-Api-Key", key);
                        using var response = await first.Http.SendAsync(request);
                        // Any answer counts as usage, whatever its status.
                        if (Interlocked.Increment(ref answered) >= 300)
                            enough.TrySetResult();
                    }
                    catch (Exception)
                    {
                        // The server stopped taking requests: this call may or may not have reached it.
                        Interlocked.Increment(ref failed);
                        return;
                    }
                }
            })).ToArray();

            await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var exitCode = await first.TerminateAsync(TimeSpan.FromSeconds(60));
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
            exitCode.ShouldBe(0, first.Log);
        }

        await using var second = await HostProcess.StartAsync(_data.Path, Settings);
        var counted = await RequestsAsync(second.Http, await LogInAsync(second.Http, email));
        output.WriteLine($"answered {answered}, failed at the stop {failed}, counted after the restart {counted}");
        counted.ShouldBeGreaterThanOrEqualTo(answered, "a call answered before the stop is missing from usage");
        counted.ShouldBeLessThanOrEqualTo(answered + failed, "more calls counted than were sent");
    }

    [Fact]
    public async Task Shutdown_Timeout_sets_how_long_a_stop_waits()
    {
        await using var host = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?> { ["Shutdown:Timeout"] = "00:01:15" });

        host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout.ShouldBe(TimeSpan.FromSeconds(75));
    }

    [Fact]
    public async Task The_default_shutdown_timeout_is_30_seconds()
    {
        await using var host = await TestHost.StartAsync(_data.Path);

        host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout.ShouldBe(TimeSpan.FromSeconds(30));
    }

    private static async Task<string> SignUpAsync(HttpClient http, string email)
    {
        using var created = await http.PostAsJsonAsync("/v1/accounts", new { email, password = Password });
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        var token = await LogInAsync(http, email);
        using var selected = await SendAsync(http, HttpMethod.Put, "/v1/me/selection", token, new { chain = "kalp", network = "testnet" });
        selected.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        return token;
    }

    private const string Password = "correct horse battery";

    private static async Task<string> LogInAsync(HttpClient http, string email)
    {
        using var login = await http.PostAsJsonAsync("/v1/auth/login", new { email, password = Password });
        login.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        return JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task<string> CreateKeyAsync(HttpClient http, string token)
    {
        using var response = await SendAsync(http, HttpMethod.Post, "/v1/keys", token, new { name = "caller", rateLimitPerSecond = 1_000_000 });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("key").GetString()!;
    }

    private static async Task<long> RequestsAsync(HttpClient http, string token)
    {
        using var response = await SendAsync(http, HttpMethod.Get, "/v1/usage/summary", token);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("requests").GetInt64();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
