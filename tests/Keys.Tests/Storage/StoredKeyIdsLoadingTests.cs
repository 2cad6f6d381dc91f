using Keys.Tests.Support;
using KsQuery.Modules.Keys.KeyFormat;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Keys.Tests.Storage;

public sealed class StoredKeyIdsLoadingTests
{
    [Fact]
    public async Task The_host_reads_the_stored_key_ids_beside_its_start_so_unknown_ids_are_then_refused_from_memory()
    {
        await using var host = await KeysTestHost.StartAsync();
        var store = host.Services.GetRequiredService<LiteDbApiKeyStore>();

        await store.IdsLoaded.WaitAsync(TimeSpan.FromSeconds(30));

        store.MayExist(ApiKeyCodec.Generate(isTest: true).KeyId).ShouldBeFalse();
        host.Services.GetRequiredService<IApiKeyStore>().ShouldBeSameAs(store);
    }
}
