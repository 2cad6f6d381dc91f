namespace Host.Tests.Support;

/// <summary>One host with one signed-in account that has a selection and one key, shared by the tests of a class that
/// only read or send refused input.</summary>
public sealed class SignedInHostFixture : IAsyncLifetime
{
    private readonly HostFixture _host = new();

    public IAlbaHost Host => _host.Host;
    public ApiClient Api => _host.Api;
    public string Token { get; private set; } = "";
    public string KeyId { get; private set; } = "";
    public string Key { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        Token = await Api.SignUpAndLogInAsync("signed-in@example.com");
        await Api.SelectAsync(Token);
        (KeyId, Key) = await Api.CreateKeyAsync(Token, "fixture-key");
    }

    public Task DisposeAsync() => _host.DisposeAsync();
}
