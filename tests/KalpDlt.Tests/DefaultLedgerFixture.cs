namespace KalpDlt.Tests;

/// <summary>One plugin started with the default settings (3000 blocks), shared by the tests of its collection.</summary>
public sealed class DefaultLedgerFixture : IAsyncLifetime
{
    private readonly TestDirectory _directory = new();
    private PluginHarness? _harness;

    internal PluginHarness Harness => _harness!;

    public string DataDirectory => _directory.Path;

    public async Task InitializeAsync()
    {
        _harness = await PluginHarness.StartAsync(_directory.Path);
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
        _directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DefaultLedgerCollection : ICollectionFixture<DefaultLedgerFixture>
{
    public const string Name = "default ledger";
}
