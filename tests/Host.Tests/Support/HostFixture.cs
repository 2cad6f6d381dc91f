namespace Host.Tests.Support;

/// <summary>One host shared by the tests of a class that only read or create their own data.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public IAlbaHost Host { get; private set; } = null!;
    public ApiClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync(_data.Path);
        Api = new ApiClient(Host);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}
