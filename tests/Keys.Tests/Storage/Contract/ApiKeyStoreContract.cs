using KsQuery.Modules.Keys.ApiKeys.Restrictions;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Tests.Postgres;

namespace Keys.Tests.Storage.Contract;

/// <summary>What every <see cref="IApiKeyStore"/> does, LiteDB's and PostgreSQL's alike.</summary>
public abstract class ApiKeyStoreContract : KeysStoreContract
{
    private static readonly KeyLimit Unlimited = new(int.MaxValue, Now);

    private static ApiKeyRecord Key(string id, string name, string account = "acc_1") => new()
    {
        Id = id,
        AccountId = account,
        Name = name,
        Chain = "kalp",
        Network = "testnet",
        IsTest = true,
        Display = "ksq_test_abcd…wxyz",
        SecretHash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        CreatedAt = Now,
        RateLimitPerSecond = 10,
    };

    [StoreContractFact]
    public async Task A_key_round_trips_every_field()
    {
        var key = Key("AbCdEfGhIjK", "main", account: "team_1") with
        {
            TeamId = "team_1",
            CreatedBy = "acc_1",
            Description = "d",
            SecretCheck = 65_535,
            Recoverable = true,
            ProtectedKey = "cipher",
            ExpiresAt = Now.AddDays(1).AddTicks(7),
            RevokeAt = Now.AddDays(2),
            ReplacedBy = "ZyXwVuTsRqP",
            MonthlyQuota = 1_000_000_000_000,
            LastUsedAt = Now.AddTicks(1),
            Restrictions = new KeyRestrictions(["10.0.0.0/8"], ["https://a.example"], ["curl/*"], ["blocks.get"]),
        };
        (await Stores.Keys.TryInsertAsync(key, Unlimited, default)).ShouldBe(KeyWrite.Done);

        var found = (await Stores.Keys.FindAsync(key.Id, default)).ShouldNotBeNull();
        found.Restrictions.ShouldNotBeNull().SameAs(key.Restrictions).ShouldBeTrue();
        (found with { Restrictions = null }).ShouldBe(key with { Restrictions = null });
        var plain = Key("k2", "plain");
        await Stores.Keys.TryInsertAsync(plain, Unlimited, default);
        (await Stores.Keys.FindAsync("k2", default)).ShouldBe(plain);
    }

    [StoreContractFact]
    public async Task Key_ids_are_case_sensitive_and_every_stored_id_may_exist()
    {
        await Stores.Keys.TryInsertAsync(Key("AbCdEfGhIjK", "main"), Unlimited, default);

        (await Stores.Keys.FindAsync("abcdefghijk", default)).ShouldBeNull();
        Stores.Keys.MayExist("AbCdEfGhIjK").ShouldBeTrue();
        Stores.OpenAnother().Keys.MayExist("AbCdEfGhIjK").ShouldBeTrue();
    }

    [StoreContractFact]
    public async Task Names_are_unique_per_owner_among_keys_that_hold_them_ignoring_case()
    {
        (await Stores.Keys.TryInsertAsync(Key("k1", "Main"), Unlimited, default)).ShouldBe(KeyWrite.Done);
        (await Stores.Keys.TryInsertAsync(Key("k2", "main"), Unlimited, default)).ShouldBe(KeyWrite.NameTaken);
        (await Stores.Keys.TryInsertAsync(Key("k1", "other"), Unlimited, default)).ShouldBe(KeyWrite.DuplicateId);
        (await Stores.Keys.TryInsertAsync(Key("k3", "main", account: "acc_2"), Unlimited, default)).ShouldBe(KeyWrite.Done);

        (await Stores.Keys.TryChangeAsync("k1", "acc_1", k => k with { RevokedAt = Now }, default)).Result.ShouldBe(KeyWrite.Done);
        (await Stores.Keys.TryInsertAsync(Key("k2", "main"), Unlimited, default)).ShouldBe(KeyWrite.Done);

        await Stores.Keys.TryInsertAsync(Key("k5", "other"), Unlimited, default);
        (await Stores.Keys.TryChangeAsync("k5", "acc_1", k => k with { Name = "MAIN" }, default)).Result.ShouldBe(KeyWrite.NameTaken);
        (await Stores.Keys.TryChangeAsync("k5", "acc_2", k => k with { Name = "x" }, default)).Result.ShouldBe(KeyWrite.NotFound);
        (await Stores.Keys.TryChangeAsync("k9", "acc_1", k => k, default)).Result.ShouldBe(KeyWrite.NotFound);
    }

    [StoreContractFact]
    public async Task A_change_keeps_identity_and_the_later_last_use()
    {
        await Stores.Keys.TryInsertAsync(Key("k1", "main"), Unlimited, default);
        await Stores.Keys.SetLastUsedAsync([KeyValuePair.Create("k1", Now.AddMinutes(5))], default);

        var (result, stored) = await Stores.Keys.TryChangeAsync("k1", "acc_1",
            k => k with { Id = "other", AccountId = "acc_9", Name = "renamed", LastUsedAt = Now }, default);

        result.ShouldBe(KeyWrite.Done);
        stored.ShouldNotBeNull().Id.ShouldBe("k1");
        (await Stores.Keys.FindAsync("k1", default)).ShouldBe(Key("k1", "renamed") with { LastUsedAt = Now.AddMinutes(5) });
    }

    [StoreContractFact]
    public async Task The_key_limit_counts_keys_not_revoked_at_the_limit_time()
    {
        var limit = new KeyLimit(2, Now);
        await Stores.Keys.TryInsertAsync(Key("k1", "a") with { ExpiresAt = Now.AddTicks(-1) }, limit, default); // expired still counts
        await Stores.Keys.TryInsertAsync(Key("k2", "b") with { RevokeAt = Now }, limit, default); // its grace ended: revoked

        (await Stores.Keys.TryInsertAsync(Key("k3", "c"), limit, default)).ShouldBe(KeyWrite.Done);
        (await Stores.Keys.TryInsertAsync(Key("k4", "d"), limit, default)).ShouldBe(KeyWrite.LimitReached);
        (await Stores.Keys.ListByAccountAsync("acc_1", default)).Select(k => k.Id).Order().ShouldBe(["k1", "k2", "k3"]);
    }

    [StoreContractFact]
    public async Task Writers_racing_past_the_key_limit_store_exactly_the_limit()
    {
        var other = Stores.OpenAnother();
        var limit = new KeyLimit(3, Now);
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Stores : other).Keys.TryInsertAsync(Key($"k{i}", $"name{i}"), limit, default))));

        results.Count(r => r == KeyWrite.Done).ShouldBe(3);
        (await Stores.Keys.ListByAccountAsync("acc_1", default)).Count.ShouldBe(3);
    }

    [StoreContractFact]
    public async Task Writers_racing_for_one_name_store_one_key()
    {
        var other = Stores.OpenAnother();
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Stores : other).Keys.TryInsertAsync(Key($"k{i}", "same"), Unlimited, default))));

        results.Count(r => r == KeyWrite.Done).ShouldBe(1);
    }

    [StoreContractFact]
    public async Task A_roll_retires_the_key_and_stores_its_replacement_together()
    {
        var old = Key("k1", "main") with { ProtectedKey = "cipher", LastUsedAt = Now };
        await Stores.Keys.TryInsertAsync(old, Unlimited, default);

        var retiring = old with { Name = "ignored", RevokeAt = Now.AddMinutes(5), ReplacedBy = "k2", ProtectedKey = null };
        (await Stores.Keys.TryRollAsync(retiring, Key("k2", "main"), Unlimited, default)).ShouldBe(KeyWrite.Done);

        (await Stores.Keys.FindAsync("k1", default)).ShouldBe(old with { RevokeAt = Now.AddMinutes(5), ReplacedBy = "k2", ProtectedKey = null });
        (await Stores.Keys.FindAsync("k2", default)).ShouldBe(Key("k2", "main"));
    }

    [StoreContractFact]
    public async Task A_roll_that_cannot_be_done_stores_nothing()
    {
        var old = Key("k1", "main");
        await Stores.Keys.TryInsertAsync(old, Unlimited, default);
        await Stores.Keys.TryInsertAsync(Key("k3", "taken"), Unlimited, default);
        var retiring = old with { RevokeAt = Now.AddMinutes(5), ReplacedBy = "k2" };

        (await Stores.Keys.TryRollAsync(retiring, Key("k2", "taken"), Unlimited, default)).ShouldBe(KeyWrite.NameTaken);
        (await Stores.Keys.TryRollAsync(retiring, Key("k3", "main"), Unlimited, default)).ShouldBe(KeyWrite.DuplicateId);
        (await Stores.Keys.TryRollAsync(retiring, Key("k2", "main"), new KeyLimit(2, Now), default)).ShouldBe(KeyWrite.LimitReached);
        (await Stores.Keys.TryRollAsync(retiring with { AccountId = "acc_2" }, Key("k2", "main"), Unlimited, default)).ShouldBe(KeyWrite.NotFound);
        await Stores.Keys.TryChangeAsync("k1", "acc_1", k => k.RevokedAsOf(Now), default);
        (await Stores.Keys.TryRollAsync(retiring, Key("k2", "main"), Unlimited, default)).ShouldBe(KeyWrite.NotActive);

        (await Stores.Keys.FindAsync("k2", default)).ShouldBeNull();
        (await Stores.Keys.FindAsync("k1", default)).ShouldNotBeNull().ReplacedBy.ShouldBeNull();
    }

    [StoreContractFact]
    public async Task Of_two_writers_rolling_one_key_exactly_one_succeeds()
    {
        var old = Key("k1", "main");
        await Stores.Keys.TryInsertAsync(old, Unlimited, default);
        var other = Stores.OpenAnother();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => (i % 2 == 0 ? Stores : other).Keys.TryRollAsync(
            old with { RevokeAt = Now, ReplacedBy = $"n{i}" }, Key($"n{i}", "main"), Unlimited, default))));

        results.Count(r => r == KeyWrite.Done).ShouldBe(1);
        results.Count(r => r == KeyWrite.NotActive).ShouldBe(5);
    }

    [StoreContractFact]
    public async Task A_missing_secret_check_is_stored_once_and_only_for_its_hash()
    {
        var key = Key("k1", "main");
        await Stores.Keys.TryInsertAsync(key, Unlimited, default);

        await Stores.Keys.SetSecretCheckAsync("k1", "another hash", 1, default);
        (await Stores.Keys.FindAsync("k1", default))!.SecretCheck.ShouldBeNull();
        await Stores.Keys.SetSecretCheckAsync("k1", key.SecretHash, 2, default);
        await Stores.Keys.SetSecretCheckAsync("k1", key.SecretHash, 3, default);

        (await Stores.Keys.FindAsync("k1", default))!.SecretCheck.ShouldBe(2);
    }

    [StoreContractFact]
    public async Task Last_use_is_only_ever_raised()
    {
        await Stores.Keys.TryInsertAsync(Key("k1", "a"), Unlimited, default);
        await Stores.Keys.TryInsertAsync(Key("k2", "b"), Unlimited, default);

        await Stores.Keys.SetLastUsedAsync([KeyValuePair.Create("k1", Now.AddMinutes(2)), KeyValuePair.Create("missing", Now)], default);
        await Stores.Keys.SetLastUsedAsync([KeyValuePair.Create("k1", Now.AddMinutes(1)), KeyValuePair.Create("k2", Now)], default);

        (await Stores.Keys.FindAsync("k1", default))!.LastUsedAt.ShouldBe(Now.AddMinutes(2));
        (await Stores.Keys.FindAsync("k2", default))!.LastUsedAt.ShouldBe(Now);
        (await Stores.Keys.FindAsync("missing", default)).ShouldBeNull();
    }

    [StoreContractFact]
    public async Task Keys_ending_in_a_range_are_those_whose_expiry_or_grace_end_falls_in_it()
    {
        await Stores.Keys.TryInsertAsync(Key("expires", "a") with { ExpiresAt = Now.AddMinutes(1) }, Unlimited, default);
        await Stores.Keys.TryInsertAsync(Key("grace", "b") with { RevokeAt = Now.AddMinutes(2) }, Unlimited, default);
        await Stores.Keys.TryInsertAsync(Key("at-start", "c") with { ExpiresAt = Now }, Unlimited, default);
        await Stores.Keys.TryInsertAsync(Key("later", "d") with { ExpiresAt = Now.AddMinutes(3) }, Unlimited, default);
        await Stores.Keys.TryInsertAsync(Key("never", "e"), Unlimited, default);

        var ending = await Stores.Keys.ListEndingBetweenAsync(Now, Now.AddMinutes(2), default);

        ending.Select(k => k.Id).Order(StringComparer.Ordinal).ShouldBe(["expires", "grace"]);
    }

    [StoreContractFact]
    public async Task Deleting_an_account_s_keys_leaves_the_others()
    {
        await Stores.Keys.TryInsertAsync(Key("k1", "a"), Unlimited, default);
        await Stores.Keys.TryInsertAsync(Key("k2", "b"), Unlimited, default);
        await Stores.Keys.TryInsertAsync(Key("k3", "a", account: "acc_2"), Unlimited, default);

        await Stores.Keys.DeleteByAccountAsync("acc_1", default);

        (await Stores.Keys.ListAllAsync(default)).Select(k => k.Id).ShouldBe(["k3"]);
        (await Stores.Keys.FindAsync("k1", default)).ShouldBeNull();
    }
}

public sealed class LiteDbApiKeyStoreTests : ApiKeyStoreContract
{
    private protected override Task<KeysStores> OpenAsync() => Task.FromResult(KeysStores.LiteDb());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresApiKeyStoreTests(PostgresCluster cluster) : ApiKeyStoreContract, IPostgresStoreTests
{
    private protected override Task<KeysStores> OpenAsync() => KeysStores.PostgresAsync(cluster);
}
