using KsQuery.Host.Startup;

namespace KsQuery.Host.Health;

/// <summary>Before anything else starts: the store can be read and written and the key ring protects and unprotects,
/// as <c>/health</c> checks later. Either failing stops the start (exit code 3) instead of a host that answers 200 to
/// <c>/health</c> and 500 to every login.</summary>
internal sealed class StartupChecks(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not injected: the store's factory refuses a damaged file with a StartupFailure of its own.
        var store = services.GetRequiredService<StoreProbe>();
        try
        {
            store.Run();
        }
        catch (Exception ex) when (ex is not StartupFailure)
        {
            throw StartupFailure.DataFile($"the store cannot be read and written: {ex.Message} Check the data directory's " +
                "permissions and free space (KSQUERY_DATA).", ex);
        }

        var keyRing = services.GetRequiredService<KeyRingProbe>();
        if (keyRing.UnreadableFile() is var (file, problem))
            throw StartupFailure.DataFile($"the Data Protection key ring in {keyRing.Location} cannot be used: {file} is not readable " +
                $"XML ({problem}). {RestoreKeyRing}");
        if (keyRing.UndecryptableKey() is var (keyId, reason))
            throw StartupFailure.DataFile($"the Data Protection key ring in {keyRing.Location} cannot be used: key {keyId} cannot be " +
                $"decrypted ({reason}). {RestoreKeyRing}");
        try
        {
            keyRing.Run();
        }
        catch (Exception ex)
        {
            throw StartupFailure.DataFile($"the Data Protection key ring in {keyRing.Location} cannot be used: {Flatten(ex)} " +
                RestoreKeyRing, ex);
        }
        return Task.CompletedTask;
    }

    private const string RestoreKeyRing = "Restore the folder from a backup (tokens and recoverable keys depend on it), give " +
        "KS Query access to it, or set DataProtection:Certificate to the certificate its keys were encrypted with.";

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Flatten(Exception ex) =>
        ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{ex.Message.TrimEnd('.')}: {inner.Message}"
            : ex.Message;
}
