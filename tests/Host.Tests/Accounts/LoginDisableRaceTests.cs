using System.Net;
using Host.Tests.Support;
using KsQuery.Modules.Keys.Auth.Sessions;
using KsQuery.Modules.Keys.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Host.Tests.Accounts;

/// <summary>A login that read the account before an operator disabled it (its Argon2 check takes tens of milliseconds,
/// time enough for an <c>accounts disable</c>) must not leave a session behind.</summary>
public sealed class LoginDisableRaceTests
{
    private const string Email = "raced@example.com";
    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_login_that_read_the_account_before_a_disable_answers_account_disabled_and_keeps_no_session()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(data.Path, replaceServices: services =>
        {
            services.RemoveAll<IAccountStore>();
            services.AddSingleton<LiteDbAccountStore>();
            services.AddSingleton<IAccountStore>(sp => new EnabledWhenReadByEmail(sp.GetRequiredService<LiteDbAccountStore>()));
        });
        var api = new ApiClient(host);
        (await api.PostAsync("/v1/accounts", new { email = Email, password = Password })).Status.ShouldBe(HttpStatusCode.Created);
        var store = host.Services.GetRequiredService<LiteDbAccountStore>();
        var account = (await store.FindByEmailAsync(Email, CancellationToken.None))!;
        await store.UpdateDisabledAsync(account.Id, DateTimeOffset.UtcNow, CancellationToken.None);

        var (status, body, _) = await api.PostAsync("/v1/auth/login", new { email = Email, password = Password });

        status.ShouldBe(HttpStatusCode.Forbidden, body.ToString());
        body.Code().ShouldBe("account_disabled");
        host.Services.GetRequiredService<AccountSessions>().List(account.Id).ShouldBeEmpty();
    }

    /// <summary>The account as a login read it just before the disable: enabled.</summary>
    private sealed class EnabledWhenReadByEmail(IAccountStore inner) : IAccountStore
    {
        public async Task<AccountRecord?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
            await inner.FindByEmailAsync(normalizedEmail, cancellationToken) is { } account ? account with { DisabledAt = null } : null;

        public Task<bool> TryCreateAsync(AccountRecord account, CancellationToken cancellationToken) => inner.TryCreateAsync(account, cancellationToken);
        public Task<AccountRecord?> FindByIdAsync(string id, CancellationToken cancellationToken) => inner.FindByIdAsync(id, cancellationToken);
        public Task<IReadOnlyList<AccountRecord>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);
        public Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken) => inner.UpdatePasswordHashAsync(id, passwordHash, cancellationToken);
        public Task UpdateSelectionAsync(string id, AccountSelection? selection, CancellationToken cancellationToken) => inner.UpdateSelectionAsync(id, selection, cancellationToken);
        public Task UpdateDisabledAsync(string id, DateTimeOffset? disabledAt, CancellationToken cancellationToken) => inner.UpdateDisabledAsync(id, disabledAt, cancellationToken);
        public Task<bool> DeleteAsync(string id, DateTimeOffset deletedAt, DateTimeOffset purgeAt, CancellationToken cancellationToken) =>
            inner.DeleteAsync(id, deletedAt, purgeAt, cancellationToken);
        public Task<IReadOnlyList<DeletedAccount>> ListDeletedDueAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.ListDeletedDueAsync(now, cancellationToken);
        public Task ForgetDeletedAsync(string id, CancellationToken cancellationToken) => inner.ForgetDeletedAsync(id, cancellationToken);
    }
}
