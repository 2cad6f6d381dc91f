using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Host.Tests.Security.Support;
using Host.Tests.Support;
using Xunit.Abstractions;

namespace Host.Tests.Security.Faults;

/// <summary>SIGKILL of the real host process while keys are being created and keyed calls served, then a restart on the
/// same data directory.</summary>
public sealed class HardKillTests(ITestOutputHelper output) : IDisposable
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Plugins:kalp:Blocks"] = "240",
        ["Plugins:kalp:BlockIntervalSeconds"] = "0",
        ["Keys:Argon2:MemoryKiB"] = "1024",
        ["Keys:Argon2:Iterations"] = "1",
        ["Keys:Argon2:Parallelism"] = "1",
        ["Usage:FlushInterval"] = "00:00:01",
    };

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    /// <summary>What is asserted after the kill and restart:
    /// <list type="bullet">
    /// <item>every key whose 201 the client received is listed and answers a keyed call with 200;</item>
    /// <item>the usage counted for the calling key is at least the count a usage read returned before the kill (a read
    /// writes everything answered before it, so that is a flush the test observed) and never more than the calls sent.</item>
    /// </list>
    /// Calls answered after the last flush may be lost; the host flushes every <c>Usage:FlushInterval</c> on its own, so
    /// that is at most one interval of calls. The test prints how many were lost.</summary>
    [Fact]
    public async Task Acknowledged_keys_and_usage_up_to_the_last_flush_survive_a_SIGKILL_while_keys_are_created_and_calls_served()
    {
        var created = new ConcurrentQueue<(string Name, string Key)>();
        long sent = 0, answered = 0;
        string token, callerKey, password = SecurityHost.Password;
        long answeredBeforeRead, countedAtRead;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Phase(string name) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {name}");

        await using (var first = await HostProcess.StartAsync(_data.Path, Settings))
        {
            Phase("first host listening");
            token = await SignUpAsync(first.Http, "survivor@example.com", password);
            callerKey = await CreateKeyAsync(first.Http, token, "caller", 1_000_000);

            using var stop = new CancellationTokenSource();
            var killed = 0; // set before the kill: a worker's request failing from then on ends it
            bool Ended() => Volatile.Read(ref killed) == 1 || stop.IsCancellationRequested;
            var progress = new Progress(() => (created.Count, Interlocked.Read(ref answered)));
            var creating = Task.Run(async () =>
            {
                // At most 60: well under a per-account key limit.
                for (var i = 0; i < 60 && !Ended(); i++)
                {
                    try
                    {
                        var name = $"key-{i}";
                        created.Enqueue((name, await CreateKeyAsync(first.Http, token, name, null, stop.Token)));
                    }
                    catch (Exception) when (Ended()) { return; }
                    progress.Changed();
                }
            });
            var calling = Task.Run(async () =>
            {
                while (!Ended())
                {
                    Interlocked.Increment(ref sent);
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/kalp/testnet/network");
                        request.Headers.Add("X-Api-Key", callerKey);
                        using var response = await first.Http.SendAsync(request, stop.Token);
                        response.StatusCode.ShouldBe(HttpStatusCode.OK);
                        Interlocked.Increment(ref answered);
                    }
                    catch (Exception) when (Ended()) { return; }
                    progress.Changed();
                }
            });

            await progress.Reached(keys: 3, calls: 50);
            answeredBeforeRead = Interlocked.Read(ref answered);
            countedAtRead = await RequestsAsync(first.Http, token);
            countedAtRead.ShouldBeGreaterThanOrEqualTo(answeredBeforeRead);
            await progress.Reached(keys: Math.Min(created.Count + 3, 60), calls: Interlocked.Read(ref answered) + 50);

            Volatile.Write(ref killed, 1);
            first.Kill();
            Phase("killed");
            stop.Cancel();
            await Task.WhenAll(creating, calling);
        }

        var acknowledged = created.ToArray();
        await using var second = await HostProcess.StartAsync(_data.Path, Settings);
        Phase("second host listening");
        var again = await LogInAsync(second.Http, "survivor@example.com", password);

        var counted = await RequestsAsync(second.Http, again);
        output.WriteLine($"calls sent {sent}, answered {answered}; counted {countedAtRead} at the observed flush " +
                         $"(answered before it: {answeredBeforeRead}); counted after the kill: {counted}, lost: {answered - counted}; " +
                         $"keys acknowledged: {acknowledged.Length}");
        counted.ShouldBeGreaterThanOrEqualTo(countedAtRead, "usage written by an observed flush was lost");
        counted.ShouldBeLessThanOrEqualTo(Interlocked.Read(ref sent), "more calls counted than were sent");

        using var list = await SendAsync(second.Http, HttpMethod.Get, "/v1/keys?status=all&size=100", again);
        var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
            .Select(k => k.GetProperty("name").GetString()).ToHashSet();
        acknowledged.Length.ShouldBeGreaterThanOrEqualTo(6);
        foreach (var (name, plaintext) in acknowledged)
        {
            listed.ShouldContain(name, $"key {name} was acknowledged with 201 before the kill");
            using var call = new HttpRequestMessage(HttpMethod.Get, "/v1/kalp/testnet/network");
            call.Headers.Add("X-Api-Key", plaintext);
            using var response = await second.Http.SendAsync(call);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"key {name} acknowledged before the kill: {await response.Content.ReadAsStringAsync()}");
        }
        Phase("checked");
    }

    private static async Task<string> SignUpAsync(HttpClient http, string email, string password)
    {
        using var created = await http.PostAsJsonAsync("/v1/accounts", new { email, password });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await LogInAsync(http, email, password);
        using var selected = await SendAsync(http, HttpMethod.Put, "/v1/me/selection", token, new { chain = "kalp", network = "testnet" });
        selected.StatusCode.ShouldBe(HttpStatusCode.OK);
        return token;
    }

    private static async Task<string> LogInAsync(HttpClient http, string email, string password)
    {
        using var login = await http.PostAsJsonAsync("/v1/auth/login", new { email, password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Creates a key; returns its plaintext once the 201 is read.</summary>
    private static async Task<string> CreateKeyAsync(HttpClient http, string token, string name, int? rateLimitPerSecond, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(http, HttpMethod.Post, "/v1/keys", token, new { name, rateLimitPerSecond }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("key").GetString()!;
    }

    private static async Task<long> RequestsAsync(HttpClient http, string token)
    {
        using var response = await SendAsync(http, HttpMethod.Get, "/v1/usage/summary", token);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("requests").GetInt64();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, string token, object? body = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>Lets the test wait, without sleeping, until the workers have created enough keys and answered enough calls.</summary>
    private sealed class Progress(Func<(int Keys, long Calls)> read)
    {
        private readonly Lock _gate = new();
        private (int Keys, long Calls, TaskCompletionSource Done)? _target;

        public Task Reached(int keys, long calls)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
                _target = (keys, calls, done);
            Changed();
            return done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }

        public void Changed()
        {
            lock (_gate)
            {
                if (_target is not { } target)
                    return;
                var (keys, calls) = read();
                if (keys >= target.Keys && calls >= target.Calls)
                {
                    target.Done.TrySetResult();
                    _target = null;
                }
            }
        }
    }
}
