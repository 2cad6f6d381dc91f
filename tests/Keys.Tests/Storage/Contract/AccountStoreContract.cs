using KsQuery.Modules.Keys.Storage;
using KsQuery.Tests.Postgres;

namespace Keys.Tests.Storage.Contract;

/// <summary>What every <see cref="IAccountStore"/> does, LiteDB's and PostgreSQL's alike.</summary>
public abstract class AccountStoreContract : KeysStoreContract
{
    private static AccountRecord Account(string id, string email, DateTimeOffset? createdAt = null) =>
        new(id, email, email.ToLowerInvariant(), "hash-" + id, createdAt ?? Now, null);

    [StoreContractFact]
    public async Task An_account_round_trips_every_field()
    {
        var account = Account("acc_1", "Ann@Example.com") with
        {
            Selection = new AccountSelection("kalp", "testnet", "KeyId"),
            DisabledAt = Now.AddTicks(3),
        };
        (await Stores.Accounts.TryCreateAsync(account, default)).ShouldBeTrue();

        (await Stores.Accounts.FindByIdAsync("acc_1", default)).ShouldBe(account);
        (await Stores.Accounts.FindByEmailAsync("ann@example.com", default)).ShouldBe(account);
    }

    [StoreContractFact]
    public async Task Accounts_are_unique_by_normalized_email_and_ids_are_case_sensitive()
    {
        (await Stores.Accounts.TryCreateAsync(Account("acc_A", "ann@example.com"), default)).ShouldBeTrue();
        (await Stores.Accounts.TryCreateAsync(Account("acc_B", "ann@example.com"), default)).ShouldBeFalse();

        (await Stores.Accounts.FindByIdAsync("acc_a", default)).ShouldBeNull();
        (await Stores.Accounts.FindByEmailAsync("ANN@example.com", default)).ShouldBeNull();
        (await Stores.Accounts.ListAsync(default)).Select(a => a.Id).ShouldBe(["acc_A"]);
    }

    [StoreContractFact]
    public async Task Updates_change_only_their_field_and_ignore_a_missing_account()
    {
        await Stores.Accounts.TryCreateAsync(Account("acc_1", "a@b.co"), default);

        await Stores.Accounts.UpdatePasswordHashAsync("acc_1", "new", default);
        await Stores.Accounts.UpdateSelectionAsync("acc_1", new AccountSelection("kalp", "testnet", null), default);
        await Stores.Accounts.UpdateDisabledAsync("acc_1", Now, default);
        await Stores.Accounts.UpdatePasswordHashAsync("acc_missing", "x", default);

        var account = (await Stores.Accounts.FindByIdAsync("acc_1", default)).ShouldNotBeNull();
        account.ShouldBe(Account("acc_1", "a@b.co") with { PasswordHash = "new", Selection = new("kalp", "testnet", null), DisabledAt = Now });

        await Stores.Accounts.UpdateSelectionAsync("acc_1", null, default);
        await Stores.Accounts.UpdateDisabledAsync("acc_1", null, default);
        account = (await Stores.Accounts.FindByIdAsync("acc_1", default)).ShouldNotBeNull();
        account.Selection.ShouldBeNull();
        account.DisabledAt.ShouldBeNull();
        (await Stores.Accounts.FindByIdAsync("acc_missing", default)).ShouldBeNull();
    }

    [StoreContractFact]
    public async Task Accounts_are_listed_oldest_first()
    {
        await Stores.Accounts.TryCreateAsync(Account("acc_2", "b@b.co", Now.AddMinutes(1)), default);
        await Stores.Accounts.TryCreateAsync(Account("acc_1", "a@b.co", Now), default);
        await Stores.Accounts.TryCreateAsync(Account("acc_3", "c@b.co", Now.AddMinutes(2)), default);

        (await Stores.Accounts.ListAsync(default)).Select(a => a.Id).ShouldBe(["acc_1", "acc_2", "acc_3"]);
    }

    [StoreContractFact]
    public async Task A_deleted_account_frees_its_email_and_is_remembered_until_forgotten()
    {
        await Stores.Accounts.TryCreateAsync(Account("acc_1", "a@b.co"), default);

        (await Stores.Accounts.DeleteAsync("acc_1", Now, Now.AddDays(30), default)).ShouldBeTrue();
        (await Stores.Accounts.DeleteAsync("acc_1", Now, Now.AddDays(30), default)).ShouldBeFalse();

        (await Stores.Accounts.FindByIdAsync("acc_1", default)).ShouldBeNull();
        (await Stores.Accounts.TryCreateAsync(Account("acc_2", "a@b.co"), default)).ShouldBeTrue();
        (await Stores.Accounts.ListDeletedDueAsync(Now.AddDays(30).AddTicks(-1), default)).ShouldBeEmpty();
        (await Stores.Accounts.ListDeletedDueAsync(Now.AddDays(30), default)).ShouldBe([new DeletedAccount("acc_1", Now, Now.AddDays(30))]);

        await Stores.Accounts.ForgetDeletedAsync("acc_1", default);
        (await Stores.Accounts.ListDeletedDueAsync(Now.AddDays(31), default)).ShouldBeEmpty();
    }

    [StoreContractFact]
    public async Task Of_two_writers_creating_one_email_exactly_one_succeeds()
    {
        var other = Stores.OpenAnother();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Stores : other).Accounts.TryCreateAsync(Account($"acc_{i}", "same@b.co"), default))));

        results.Count(created => created).ShouldBe(1);
    }
}

public sealed class LiteDbAccountStoreTests : AccountStoreContract
{
    private protected override Task<KeysStores> OpenAsync() => Task.FromResult(KeysStores.LiteDb());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAccountStoreTests(PostgresCluster cluster) : AccountStoreContract, IPostgresStoreTests
{
    private protected override Task<KeysStores> OpenAsync() => KeysStores.PostgresAsync(cluster);
}
