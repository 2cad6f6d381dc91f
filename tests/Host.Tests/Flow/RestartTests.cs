using System.Net;
using System.Text;
using Host.Tests.Support;

namespace Host.Tests.Flow;

/// <summary>Accounts and keys survive a restart on the same data directory, and no secret is stored in plain text.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Accounts_and_keys_work_after_the_host_restarts_and_the_plaintext_key_is_not_in_the_data_file()
    {
        const string password = "a long enough password";
        string key;
        string keyId;
        await using (var first = await TestHost.StartAsync(_data.Path))
        {
            var api = new ApiClient(first);
            var token = await api.SignUpAndLogInAsync("restart@example.com", password);
            await api.SelectAsync(token);
            (keyId, key) = await api.CreateKeyAsync(token, "tradingbot", "API key for tradingbot");
            var (status, _, _) = await api.GetAsync("/v1/kalp/testnet/network", apiKey: key);
            status.ShouldBe(HttpStatusCode.OK);
        }

        var files = Directory.GetFiles(_data.Path, "*.db", SearchOption.AllDirectories);
        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            // LiteDB removes its transient ksquery-log.db once the host has closed the store, which may be after the
            // listing above: a file that is gone holds nothing.
            if (await ReadIfPresentAsync(file) is not { } bytes)
                continue;
            ContainsUtf8(bytes, key).ShouldBeFalse($"{file} holds the plaintext key");
            ContainsUtf8(bytes, key[9..]).ShouldBeFalse($"{file} holds the key body");
            ContainsUtf8(bytes, password).ShouldBeFalse($"{file} holds the plaintext password");
        }

        await using var second = await TestHost.StartAsync(_data.Path);
        var again = new ApiClient(second);
        var (loginStatus, login, _) = await again.PostAsync("/v1/auth/login", new { email = "restart@example.com", password });
        loginStatus.ShouldBe(HttpStatusCode.OK);
        var newToken = login.GetProperty("accessToken").GetString()!;

        var (callStatus, call, _) = await again.GetAsync("/v1/kalp/testnet/network", apiKey: key);
        callStatus.ShouldBe(HttpStatusCode.OK, call.ToString());

        var (getStatus, stored, _) = await again.GetAsync($"/v1/keys/{keyId}", newToken);
        getStatus.ShouldBe(HttpStatusCode.OK);
        stored.GetProperty("name").GetString().ShouldBe("tradingbot");
    }

    // Read as a stream: the store may still be folding its log file into the data file, so the file can shrink while it
    // is read (File.ReadAllBytes then throws EndOfStreamException); whatever it holds at that moment is checked.
    private static async Task<byte[]?> ReadIfPresentAsync(string file)
    {
        try
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
        catch (FileNotFoundException) { return null; }
    }

    private static bool ContainsUtf8(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) >= 0;
}
