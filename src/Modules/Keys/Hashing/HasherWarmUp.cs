using Microsoft.Extensions.Hosting;

namespace KsQuery.Modules.Keys.Hashing;

/// <summary>Hashes a throw-away secret in the background as the host starts, on the core the start-up leaves idle: the
/// Argon2id code is then compiled and optimized before the first key is verified after a restart, instead of that call
/// paying for it.</summary>
internal sealed class HasherWarmUp(ISecretHasher hasher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => hasher.HashAsync(new byte[16], HashPartition.WarmUp, CancellationToken.None), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
