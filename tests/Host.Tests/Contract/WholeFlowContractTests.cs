using System.Net;
using Host.Tests.Flow;
using Host.Tests.Support;
using Wolverine.Tracking;

namespace Host.Tests.Contract;

/// <summary>Every answer the whole-flow tests receive (successes and problems) matches the schema the served OpenAPI
/// document declares for its operation and status. The flow tests run unchanged, as they are; a recording around them
/// captures each answer in the test host (see <see cref="ExchangeRecording"/>).</summary>
public sealed class WholeFlowContractTests
{
    [Fact]
    public async Task Every_answer_of_the_whole_flow_matches_the_document()
    {
        using var recording = ExchangeRecording.Start();
        await RunWholeFlowAsync();

        var answers = RecordedAnswers.All(recording);
        answers.ShouldContain(a => a.Method == "POST" && a.Path == "/v1/keys" && a.Status == 201);
        answers.ShouldContain(a => a.Path == "/v1/kalp/testnet/blocks/1" && a.Status == 200);
        answers.ShouldContain(a => a.Status == 401 && a.Code() == "key_revoked", "the typed 401 key_revoked answer is checked");
        recording.ShouldMatchTheDocument();
    }

    [Fact]
    public async Task Every_answer_of_the_restart_flow_matches_the_document()
    {
        using var recording = ExchangeRecording.Start();
        await RunRestartFlowAsync();

        recording.Hosts.Count.ShouldBe(2, "both hosts of the restart are recorded");
        recording.Hosts.ShouldAllBe(h => h.Exchanges.Count > 0);
        recording.ShouldMatchTheDocument();
    }

    [Fact]
    public async Task Every_problem_answer_along_the_flow_matches_the_document()
    {
        using var recording = ExchangeRecording.Start();
        await RunProblemFlowAsync();

        var codes = RecordedAnswers.All(recording).Select(a => $"{a.Status} {a.Code()}").ToHashSet();
        string[] expected = ["409 email_taken", "409 key_name_taken", "409 chain_not_available", "404 key_not_found",
            "404 chain_not_found", "429 rate_limited", "401 invalid_credentials", "400 validation_failed", "400 selection_required"];
        expected.Except(codes).ShouldBeEmpty("every one of these answers is checked against the document");
        RecordedAnswers.All(recording).ShouldContain(a => a.Status == 429 && a.Headers.ContainsKey("Retry-After"));
        RecordedAnswers.All(recording).ShouldContain(a => a.Status == 204);
        recording.ShouldMatchTheDocument();
    }

    /// <summary>The whole-flow test as it is, on a host of its own.</summary>
    internal static async Task RunWholeFlowAsync()
    {
        var flow = new WholeFlowTests();
        await flow.InitializeAsync();
        try
        {
            await flow.Sign_up_select_create_key_call_apis_revoke_and_read_usage();
        }
        finally
        {
            await flow.DisposeAsync();
        }
    }

    /// <summary>The restart test as it is (two hosts on one data directory).</summary>
    internal static async Task RunRestartFlowAsync()
    {
        using var flow = new RestartTests();
        await flow.Accounts_and_keys_work_after_the_host_restarts_and_the_plaintext_key_is_not_in_the_data_file();
    }

    /// <summary>The refusals a client meets along the flow: a taken email or key name (409), an unknown key or block
    /// (404), the per-second limit (429 with Retry-After, on a clock that does not move), a missing token or key (401),
    /// refused input on a dashboard route and a chain API (400), a coming-soon chain (409) and a logout (204, no body).</summary>
    internal static async Task RunProblemFlowAsync()
    {
        using var data = new TempDirectory();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var host = await TestHost.StartAsync(data.Path, clock: clock);
        var api = new ApiClient(host);
        const string password = "correct horse battery";
        var token = await api.SignUpAndLogInAsync("problems@example.com", password);
        (await api.PostAsync("/v1/accounts", new { email = "problems@example.com", password })).Status.ShouldBe(HttpStatusCode.Conflict);
        (await api.PostAsync("/v1/auth/login", new { email = "problems@example.com", password = "not the password" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.GetAsync("/v1/me")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.GetAsync("/v1/chains/ethereum/networks/mainnet/apis")).Status.ShouldBe(HttpStatusCode.Conflict);
        (await api.GetAsync("/v1/chains/nowhere/networks/testnet/apis")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.PostAsync("/v1/keys", new { name = "limited" }, token)).Status.ShouldBe(HttpStatusCode.BadRequest, "no selection yet");
        await api.SelectAsync(token);

        var (created, key, _) = await api.PostAsync("/v1/keys", new { name = "limited", rateLimitPerSecond = 1 }, token);
        created.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync("/v1/keys", new { name = "limited" }, token)).Status.ShouldBe(HttpStatusCode.Conflict);
        (await api.PostAsync("/v1/keys", new { name = "" }, token)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await api.GetAsync("/v1/keys/nokey", token)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/v1/keys/nokey/usage", token)).Status.ShouldBe(HttpStatusCode.NotFound);

        var plaintext = key.GetProperty("key").GetString()!;
        await host.ExecuteAndWaitAsync(async () =>
        {
            (await api.GetAsync("/v1/kalp/testnet/network", apiKey: plaintext)).Status.ShouldBe(HttpStatusCode.OK);
            (await api.GetAsync("/v1/kalp/testnet/network", apiKey: plaintext)).Status.ShouldBe(HttpStatusCode.TooManyRequests);
            clock.Advance(TimeSpan.FromSeconds(1));
            (await api.GetAsync("/v1/kalp/testnet/blocks/999999", apiKey: plaintext)).Status.ShouldBe(HttpStatusCode.NotFound);
            clock.Advance(TimeSpan.FromSeconds(1));
            (await api.GetAsync("/v1/kalp/testnet/blocks/not-a-number", apiKey: plaintext)).Status.ShouldBe(HttpStatusCode.BadRequest);
            (await api.GetAsync("/v1/kalp/testnet/network")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        });

        var (loggedIn, login, _) = await api.PostAsync("/v1/auth/login", new { email = "problems@example.com", password });
        loggedIn.ShouldBe(HttpStatusCode.OK);
        (await api.PostAsync("/v1/auth/logout", new { refreshToken = login.GetProperty("refreshToken").GetString() }, token)).Status
            .ShouldBe(HttpStatusCode.NoContent);
    }
}
