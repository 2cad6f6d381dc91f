using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Host.Tests.Security.Support;
using Host.Tests.Support;

namespace Host.Tests.Security.Faults;

/// <summary>One real host process for a test class.</summary>
public sealed class HostProcessFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await HostProcess.StartAsync(_data.Path, new Dictionary<string, string>
    {
        ["Plugins:kalp:Blocks"] = "60",
        ["Keys:Argon2:MemoryKiB"] = "1024",
        ["Keys:Argon2:Iterations"] = "1",
    });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>The real host process, for what the in-memory test server does not enforce: Kestrel's body limit on a chunked
/// body, whose size no Content-Length announces.</summary>
public sealed class RealServerBodyLimitTests(HostProcessFixture fixture) : IClassFixture<HostProcessFixture>
{
    private HostProcess Host => fixture.Host;

    [Theory]
    [InlineData("/v1/accounts", false)]
    [InlineData("/v1/auth/login", false)]
    [InlineData("/v1/kalp/testnet/smart-contracts/klp-f02611a93e-cc/query/BalanceOf", true)]
    public async Task A_chunked_body_over_64_KiB_is_413_payload_too_large(string path, bool keyed)
    {
        var body = "{\"email\":\"" + new string('a', 100_000) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        if (keyed)
            request.Headers.Add("X-Api-Key", await CreateKeyAsync());

        using var response = await Host.Http.SendAsync(request);

        await ProblemAssertions.ShouldBeProblemAsync(response, 413, "payload_too_large", $"chunked POST {path}\n{Host.Log}");
    }

    private async Task<string> CreateKeyAsync()
    {
        const string email = "chunked@example.com";
        using var signUp = await Host.Http.PostAsJsonAsync("/v1/accounts", new { email, password = SecurityHost.Password });
        using var login = await Host.Http.PostAsJsonAsync("/v1/auth/login", new { email, password = SecurityHost.Password });
        var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/v1/keys")
        {
            Content = JsonContent.Create(new { name = "chunked", chain = "kalp", network = "testnet" }),
        };
        create.Headers.Authorization = new("Bearer", token);
        using var created = await Host.Http.SendAsync(create);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
    }
}
