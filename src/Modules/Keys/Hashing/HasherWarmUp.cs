using Microsoft.Extensions.Hosting;

namespace KsQuery.Modules.Keys.Hashing;

/// <summary>Computes the hasher's dummy hash (the one failed logins for unknown accounts are checked against) in the
/// background as the host starts, on the core the start-up leaves idle: the Argon2id code is then compiled and
/// optimized before the first key is verified after a restart, instead of that call paying for it.</summary>
internal sealed class HasherWarmUp(ISecretHasher hasher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => hasher.VerifyDummyAsync(new byte[16], CancellationToken.None), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
