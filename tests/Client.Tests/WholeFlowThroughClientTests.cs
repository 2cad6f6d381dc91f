using Host.Tests.Contract;
using Host.Tests.Support;
using KsQuery.Client;
using KsQuery.Client.Models;
using Wolverine.Tracking;

namespace Client.Tests;

/// <summary>The product's whole flow through the generated <c>KsQuery.Client</c> (Kiota) against the real host in memory:
/// no hand-written HTTP, only the client's typed request builders and models. Every answer the client receives is also
/// checked against the schema the served document declares for it (the contract tests' recorder).</summary>
public sealed class WholeFlowThroughClientTests : IAsyncLifetime
{
    private const string Email = "dev@example.com";
    private const string Password = "correct horse battery";
    private static readonly Uri BaseUrl = new("http://localhost");

    private readonly TempDirectory _data = new();
    private IAlbaHost _host = null!;
    private HttpClient _http = null!;
    private ExchangeRecording _recording = null!;

    public async Task InitializeAsync()
    {
        using (_recording = ExchangeRecording.Start())
            _host = await TestHost.StartAsync(_data.Path);
        _http = _host.Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Sign_up_to_revoke_and_the_typed_401_key_revoked()
    {
        var anonymous = KsQueryClientFactory.Create(_http, BaseUrl);
        var account = await anonymous.V1.Accounts.PostAsync(new SignUpRequest { Email = Email, Password = Password });
        account.ShouldNotBeNull().Email.ShouldBe(Email);
        var login = await anonymous.V1.Auth.Login.PostAsync(new LoginRequest { Email = Email, Password = Password });
        // Compared as text (as `status` below): the line holds whether the document gives these as strings or enums.
        $"{login.ShouldNotBeNull().TokenType}".ShouldBe("Bearer", StringCompareShould.IgnoreCase);

        var dashboard = KsQueryClientFactory.Create(_http, BaseUrl, accessToken: login.AccessToken);
        var chains = await anonymous.V1.Chains.GetAsync();
        var kalp = chains.ShouldNotBeNull().Single(c => c.Id == "kalp");
        kalp.Name.ShouldBe("KALP DLT");
        kalp.Networks.ShouldNotBeNull().Single(n => n.Id == "testnet").Name.ShouldBe("Test Net");

        var selection = await dashboard.V1.Me.Selection.PutAsync(new SelectionRequest { Chain = "kalp", Network = "testnet" });
        selection.ShouldNotBeNull();
        var me = await dashboard.V1.Me.GetAsync();
        me.ShouldNotBeNull().Email.ShouldBe(Email);
        me.Selection.ShouldNotBeNull().Chain.ShouldBe("kalp");
        me.Selection.Network.ShouldBe("testnet");

        var created = await dashboard.V1.Keys.PostAsync(new CreateApiKeyRequest { Name = "tradingbot", Description = "API key for tradingbot" });
        created.ShouldNotBeNull();
        created.Key.ShouldNotBeNull().ShouldStartWith("ksq_test_");
        created.Chain.ShouldBe("kalp");
        created.Network.ShouldBe("testnet");
        created.Description.ShouldBe("API key for tradingbot");
        var keyId = created.Id.ShouldNotBeNull();

        var keys = await dashboard.V1.Keys.GetAsync();
        var listed = keys.ShouldNotBeNull().Items.ShouldNotBeNull().ShouldHaveSingleItem();
        listed.Name.ShouldBe("tradingbot");
        listed.Display.ShouldNotBeNull().ShouldContain("…");
        listed.Display.ShouldNotBe(created.Key);
        listed.AdditionalData.ShouldNotContainKey("key");

        var catalog = await anonymous.V1.Chains["kalp"].Networks["testnet"].Apis.GetAsync();
        var apis = catalog.ShouldNotBeNull().Apis.ShouldNotBeNull().ToDictionary(a => a.Id!);
        apis.Keys.ShouldContain("network-info");
        apis["block"].Path.ShouldBe("/v1/kalp/testnet/blocks/{number}");

        var keyed = KsQueryClientFactory.Create(_http, BaseUrl, apiKey: created.Key);
        await _host.ExecuteAndWaitAsync(async () =>
        {
            var latest = await keyed.V1.Kalp.Testnet.Blocks.Latest.GetAsync();
            latest.ShouldNotBeNull().Number.ShouldNotBeNull().ShouldBeGreaterThan(1);
            var block = await keyed.V1.Kalp.Testnet.Blocks[1].GetAsync();
            block.ShouldNotBeNull().Number.ShouldBe(1);
            block.Hash.ShouldNotBeNullOrEmpty();
            var network = await keyed.V1.Kalp.Testnet.Network.GetAsync();
            network.ShouldNotBeNull().Channel.ShouldBe("kalptantra");
        });

        var usage = await dashboard.V1.Keys[keyId].Usage.GetAsync();
        usage.ShouldNotBeNull().Requests.ShouldBe(3);
        usage.Errors.ShouldBe(0);
        var byApi = usage.ByApi.ShouldNotBeNull().ToDictionary(a => a.ApiId!, a => a.Requests);
        byApi["block-latest"].ShouldBe(1);
        byApi["block"].ShouldBe(1);
        byApi["network-info"].ShouldBe(1);

        // Roll with no grace period: a new key with the same settings, the old one revoked at once.
        var rolled = await dashboard.V1.Keys[keyId].Roll.PostAsync(new RollApiKeyRequest { GracePeriodSeconds = 0 });
        rolled.ShouldNotBeNull().Key.ShouldNotBeNull().ShouldStartWith("ksq_test_");
        rolled.Key.ShouldNotBe(created.Key);
        rolled.Name.ShouldBe("tradingbot");
        var rolledKeyed = KsQueryClientFactory.Create(_http, BaseUrl, apiKey: rolled.Key);
        await _host.ExecuteAndWaitAsync(async () =>
        {
            var block = await rolledKeyed.V1.Kalp.Testnet.Blocks[1].GetAsync();
            block.ShouldNotBeNull().Number.ShouldBe(1);
        });

        var revoked = await dashboard.V1.Keys[rolled.Id!].Revoke.PostAsync();
        $"{revoked.ShouldNotBeNull().Status}".ShouldBe("revoked", StringCompareShould.IgnoreCase);

        var problem = await Should.ThrowAsync<Problem>(() => rolledKeyed.V1.Kalp.Testnet.Network.GetAsync());
        problem.ResponseStatusCode.ShouldBe(401);
        problem.Code.ShouldBe("key_revoked");
        problem.TraceId.ShouldNotBeNullOrEmpty();

        _recording.ShouldMatchTheDocument();
    }

    [Fact]
    public async Task A_dashboard_call_without_a_token_is_the_typed_401_unauthenticated()
    {
        var anonymous = KsQueryClientFactory.Create(_http, BaseUrl);

        var problem = await Should.ThrowAsync<Problem>(() => anonymous.V1.Me.GetAsync());

        problem.ResponseStatusCode.ShouldBe(401);
        problem.Code.ShouldBe("unauthenticated");
        // The exception's message is the problem's detail (the document marks `detail` as the primary error message),
        // so an unhandled Problem logs what went wrong rather than "Exception of type ... was thrown".
        problem.Detail.ShouldNotBeNullOrWhiteSpace();
        problem.Message.ShouldBe(problem.Detail);
    }
}
