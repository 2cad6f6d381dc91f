using Keys.Tests.Support;
using KsQuery.Modules.Keys.KeyFormat;
using KsQuery.Modules.Keys.Storage;
using LiteDB;

namespace Keys.Tests.Storage;

public sealed class LiteDbStoreTests : IDisposable
{
    private readonly LiteDatabase _database = new(":memory:");
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _database.Dispose();

    private KeyLimit Unlimited => new(int.MaxValue, _time.GetUtcNow());

    private ApiKeyRecord Key(string id, string name, string account = "acc-1") => new()
    {
        Id = id,
        AccountId = account,
        Name = name,
        Chain = "kalp",
        Network = "testnet",
        IsTest = true,
        Display = "ksq_test_abcd…wxyz",
        SecretHash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        CreatedAt = _time.GetUtcNow(),
        RateLimitPerSecond = 10,
    };

    [Fact]
    public async Task Accounts_are_unique_by_normalized_email()
    {
        var store = new LiteDbAccountStore(_database);
        var account = new AccountRecord("a1", "Ann@Example.com", "ann@example.com", "hash", _time.GetUtcNow(), null);

        (await store.TryCreateAsync(account, default)).ShouldBeTrue();
        (await store.TryCreateAsync(account with { Id = "a2" }, default)).ShouldBeFalse();

        var found = await store.FindByEmailAsync("ann@example.com", default);
        found.ShouldNotBeNull().Email.ShouldBe("Ann@Example.com");
        found.CreatedAt.ShouldBe(account.CreatedAt);
    }

    [Fact]
    public async Task Account_selection_and_password_hash_update()
    {
        var store = new LiteDbAccountStore(_database);
        await store.TryCreateAsync(new AccountRecord("a1", "a@b.co", "a@b.co", "old", _time.GetUtcNow(), null), default);

        await store.UpdateSelectionAsync("a1", new AccountSelection("kalp", "testnet", "k1"), default);
        await store.UpdatePasswordHashAsync("a1", "new", default);

        var account = (await store.FindByIdAsync("a1", default)).ShouldNotBeNull();
        account.Selection.ShouldBe(new AccountSelection("kalp", "testnet", "k1"));
        account.PasswordHash.ShouldBe("new");
    }

    [Fact]
    public async Task Key_round_trips_every_field()
    {
        var store = new LiteDbApiKeyStore(_database);
        var key = Key("AbCdEfGhIjK", "main") with
        {
            Description = "d",
            Recoverable = true,
            ProtectedKey = "cipher",
            ExpiresAt = _time.GetUtcNow().AddDays(1).AddTicks(7),
            MonthlyQuota = 1_000_000_000_000,
            SecretCheck = 65_535,
        };
        (await store.TryInsertAsync(key, Unlimited, default)).ShouldBe(KeyWrite.Done);

        (await store.FindAsync(key.Id, default)).ShouldBe(key);
    }

    [Fact]
    public async Task A_missing_secret_check_is_stored_once_and_only_for_the_hash_it_was_computed_from()
    {
        var store = new LiteDbApiKeyStore(_database);
        var key = Key("AbCdEfGhIjK", "main");
        await store.TryInsertAsync(key, Unlimited, default);
        (await store.FindAsync(key.Id, default))!.SecretCheck.ShouldBeNull();

        await store.SetSecretCheckAsync(key.Id, "another hash", 1, default);
        (await store.FindAsync(key.Id, default))!.SecretCheck.ShouldBeNull();
        await store.SetSecretCheckAsync(key.Id, key.SecretHash, 2, default);
        await store.SetSecretCheckAsync(key.Id, key.SecretHash, 3, default);

        (await new LiteDbApiKeyStore(_database).FindAsync(key.Id, default))!.SecretCheck.ShouldBe(2);
    }

    [Fact]
    public async Task Stored_key_ids_are_known_from_memory_including_those_stored_before_the_store_opened()
    {
        var first = new LiteDbApiKeyStore(_database);
        first.LoadIds(default).ShouldBe(0);
        await first.TryInsertAsync(Key("AbCdEfGhIjK", "main"), Unlimited, default);
        await first.TryRollAsync(Key("AbCdEfGhIjK", "main"), Key("ZyXwVuTsRqP", "main"), Unlimited, default);
        first.MayExist("AbCdEfGhIjK").ShouldBeTrue();
        first.MayExist("ZyXwVuTsRqP").ShouldBeTrue();
        first.MayExist("NoSuchKeyId").ShouldBeFalse();

        var reopened = new LiteDbApiKeyStore(_database);
        reopened.LoadIds(default).ShouldBe(2);
        reopened.MayExist("AbCdEfGhIjK").ShouldBeTrue();
        reopened.MayExist("ZyXwVuTsRqP").ShouldBeTrue();
        reopened.MayExist("abcdefghijk").ShouldBeFalse();
    }

    [Fact]
    public async Task Opening_the_store_reads_no_key_ids_so_until_they_are_loaded_every_id_may_exist()
    {
        var first = new LiteDbApiKeyStore(_database);
        await first.TryInsertAsync(Key("AbCdEfGhIjK", "main"), Unlimited, default);

        // A million stored ids take seconds to read: the store opens at once and reads them in the background.
        var reopened = new LiteDbApiKeyStore(_database);
        reopened.MayExist("NoSuchKeyId").ShouldBeTrue();
        reopened.MayExist("AbCdEfGhIjK").ShouldBeTrue();

        // A key written while the ids load is known as well as those read.
        await reopened.TryInsertAsync(Key("ZyXwVuTsRqP", "other"), Unlimited, default);
        reopened.LoadIds(default).ShouldBe(2);
        reopened.MayExist("NoSuchKeyId").ShouldBeFalse();
        reopened.MayExist("AbCdEfGhIjK").ShouldBeTrue();
        reopened.MayExist("ZyXwVuTsRqP").ShouldBeTrue();
    }

    [Fact]
    public async Task A_deleted_accounts_key_ids_are_forgotten()
    {
        var store = new LiteDbApiKeyStore(_database);
        store.LoadIds(default);
        var id = ApiKeyCodec.Generate(isTest: true).KeyId;
        await store.TryInsertAsync(Key(id, "main"), Unlimited, default);
        await store.TryInsertAsync(Key("other-form", "second"), Unlimited, default);
        store.MayExist(id).ShouldBeTrue();
        store.MayExist("other-form").ShouldBeTrue();

        await store.DeleteByAccountAsync("acc-1", default);

        store.MayExist(id).ShouldBeFalse();
        store.MayExist("other-form").ShouldBeFalse();
    }

    [Fact]
    public async Task Key_ids_are_case_sensitive()
    {
        var store = new LiteDbApiKeyStore(_database);
        await store.TryInsertAsync(Key("AbCdEfGhIjK", "main"), Unlimited, default);

        (await store.FindAsync("abcdefghijk", default)).ShouldBeNull();
    }

    [Fact]
    public async Task Names_are_unique_per_account_among_keys_that_are_not_revoked()
    {
        var store = new LiteDbApiKeyStore(_database);
        (await store.TryInsertAsync(Key("k1", "Main"), Unlimited, default)).ShouldBe(KeyWrite.Done);
        (await store.TryInsertAsync(Key("k2", "main"), Unlimited, default)).ShouldBe(KeyWrite.NameTaken);
        (await store.TryInsertAsync(Key("k3", "main", account: "acc-2"), Unlimited, default)).ShouldBe(KeyWrite.Done);

        (await store.TryChangeAsync("k1", "acc-1", k => k with { RevokedAt = _time.GetUtcNow() }, default)).Result.ShouldBe(KeyWrite.Done);
        (await store.TryInsertAsync(Key("k2", "main"), Unlimited, default)).ShouldBe(KeyWrite.Done);

        (await store.TryChangeAsync("k4", "acc-1", k => k, default)).Result.ShouldBe(KeyWrite.NotFound);
        await store.TryInsertAsync(Key("k5", "other"), Unlimited, default);
        (await store.TryChangeAsync("k5", "acc-1", k => k with { Name = "MAIN" }, default)).Result.ShouldBe(KeyWrite.NameTaken);
        (await store.TryChangeAsync("k5", "acc-2", k => k with { Name = "x" }, default)).Result.ShouldBe(KeyWrite.NotFound);
    }

    [Fact]
    public async Task Roll_stores_both_keys_and_lets_the_new_one_take_the_name()
    {
        var store = new LiteDbApiKeyStore(_database);
        var old = Key("k1", "main");
        await store.TryInsertAsync(old, Unlimited, default);

        var retiring = old with { RevokeAt = _time.GetUtcNow().AddMinutes(5), ReplacedBy = "k2" };
        (await store.TryRollAsync(retiring, Key("k2", "main"), Unlimited, default)).ShouldBe(KeyWrite.Done);

        (await store.FindAsync("k1", default))!.RevokeAt.ShouldBe(retiring.RevokeAt);
        (await store.FindAsync("k2", default)).ShouldNotBeNull();
        (await store.ListByAccountAsync("acc-1", default)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_roll_of_a_key_revoked_since_it_was_read_is_not_active_and_stores_nothing()
    {
        var store = new LiteDbApiKeyStore(_database);
        await store.TryInsertAsync(Key("k1", "main"), Unlimited, default);
        var read = (await store.FindAsync("k1", default))!;
        (await store.TryChangeAsync("k1", "acc-1", k => k with { RevokedAt = _time.GetUtcNow() }, default)).Result.ShouldBe(KeyWrite.Done);

        var retiring = read with { RevokeAt = _time.GetUtcNow().AddHours(1), ReplacedBy = "k2" };
        (await store.TryRollAsync(retiring, Key("k2", "main"), Unlimited, default)).ShouldBe(KeyWrite.NotActive);

        (await store.FindAsync("k2", default)).ShouldBeNull();
        var stored = (await store.FindAsync("k1", default))!;
        stored.RevokedAt.ShouldNotBeNull();
        stored.ReplacedBy.ShouldBeNull();
    }

    [Fact]
    public async Task A_roll_keeps_what_was_written_to_the_key_since_it_was_read()
    {
        var store = new LiteDbApiKeyStore(_database);
        await store.TryInsertAsync(Key("k1", "main"), Unlimited, default);
        var read = (await store.FindAsync("k1", default))!;
        (await store.TryChangeAsync("k1", "acc-1", k => k with { Description = "written meanwhile" }, default)).Result.ShouldBe(KeyWrite.Done);

        (await store.TryRollAsync(read with { RevokeAt = _time.GetUtcNow().AddHours(1), ReplacedBy = "k2" }, Key("k2", "main"), Unlimited, default))
            .ShouldBe(KeyWrite.Done);

        var stored = (await store.FindAsync("k1", default))!;
        stored.Description.ShouldBe("written meanwhile");
        stored.ReplacedBy.ShouldBe("k2");
    }

    [Fact]
    public async Task A_change_that_changes_nothing_writes_nothing_and_returns_the_stored_key()
    {
        var store = new LiteDbApiKeyStore(_database);
        await store.TryInsertAsync(Key("k1", "main"), Unlimited, default);

        var (result, key) = await store.TryChangeAsync("k1", "acc-1", k => k, default);

        result.ShouldBe(KeyWrite.Done);
        key.ShouldBe(await store.FindAsync("k1", default));
    }

    [Fact]
    public async Task Last_used_is_only_ever_raised()
    {
        var store = new LiteDbApiKeyStore(_database);
        await store.TryInsertAsync(Key("k1", "main"), Unlimited, default);
        var later = _time.GetUtcNow().AddMinutes(5);

        await store.SetLastUsedAsync([new("k1", later), new("missing", later)], default);
        await store.SetLastUsedAsync([new("k1", later.AddMinutes(-1))], default);

        (await store.FindAsync("k1", default))!.LastUsedAt.ShouldBe(later);
    }
}
