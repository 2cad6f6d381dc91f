using KsQuery.Modules.Keys.Audit;
using KsQuery.Tests.Postgres;

namespace Keys.Tests.Storage.Contract;

/// <summary>What every <see cref="IAuditStore"/> does, LiteDB's and PostgreSQL's alike.</summary>
public abstract class AuditStoreContract : KeysStoreContract
{
    private static AuditEntry Entry(string action, string? key = null, string? actor = "acc_1", DateTimeOffset? at = null, string? related = null,
        string? team = null, string? subject = null) =>
        new(0, at ?? Now, action, actor, actor is null ? null : actor + "@example.com", key, related, team, subject, "203.0.113.7", "curl/8",
            """{"name":"a"}""", """{"name":"b"}""");

    [StoreContractFact]
    public void Entries_round_trip_with_a_growing_sequence_and_are_read_newest_first()
    {
        var first = Stores.Audit.Append(Entry("key.created", key: "KeyA"));
        var second = Stores.Audit.Append(Entry("key.revoked", key: "KeyA"));

        second.Sequence.ShouldBeGreaterThan(first.Sequence);
        var (items, total) = Stores.Audit.Find(new AuditFilter(), 0, 10);
        total.ShouldBe(2);
        items.ShouldBe([second, first]);
    }

    [StoreContractFact]
    public void An_event_once_per_key_is_appended_once()
    {
        Stores.Audit.AppendOnce(Entry("key.expired", key: "KeyA", actor: null)).ShouldBeTrue();
        Stores.Audit.AppendOnce(Entry("key.expired", key: "KeyA", actor: null)).ShouldBeFalse();
        Stores.Audit.AppendOnce(Entry("key.expired", key: "keya", actor: null)).ShouldBeTrue();
        Stores.Audit.AppendOnce(Entry("key.revoked", key: "KeyA", actor: null)).ShouldBeTrue();

        Stores.Audit.Find(new AuditFilter(), 0, 10).Total.ShouldBe(3);
    }

    [StoreContractFact]
    public async Task Writers_racing_to_append_one_event_once_append_it_once()
    {
        var other = Stores.OpenAnother();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Stores : other).Audit.AppendOnce(Entry("key.expired", key: "KeyA", actor: null)))));

        results.Count(appended => appended).ShouldBe(1);
    }

    [StoreContractFact]
    public void Filters_combine_and_ids_match_case_sensitively()
    {
        var keyA = Stores.Audit.Append(Entry("key.created", key: "KeyA", at: Now));
        var rolled = Stores.Audit.Append(Entry("key.rolled", key: "KeyB", related: "KeyA", at: Now.AddMinutes(1)));
        var lower = Stores.Audit.Append(Entry("key.created", key: "keya", actor: "acc_2", at: Now.AddMinutes(2)));
        var team = Stores.Audit.Append(Entry("team.created", actor: "acc_3", team: "team_1", at: Now.AddMinutes(3)));
        var subject = Stores.Audit.Append(Entry("account.disabled", actor: null, subject: "acc_2", at: Now.AddMinutes(4)));

        Stores.Audit.Find(new AuditFilter(KeyId: "KeyA"), 0, 10).Items.ShouldBe([rolled, keyA]);
        Stores.Audit.Find(new AuditFilter(ActorAccountId: "acc_2"), 0, 10).Items.ShouldBe([lower]);
        Stores.Audit.Find(new AuditFilter(Action: "key.created"), 0, 10).Items.ShouldBe([lower, keyA]);
        Stores.Audit.Find(new AuditFilter(From: Now.AddMinutes(1), To: Now.AddMinutes(3)), 0, 10).Items.ShouldBe([lower, rolled]);
        var scope = new AuditScope(new HashSet<string> { "acc_2" }, new HashSet<string> { "KeyB" }, new HashSet<string> { "team_1" });
        Stores.Audit.Find(new AuditFilter(Scope: scope), 0, 10).Items.ShouldBe([subject, team, lower, rolled]);
        Stores.Audit.Find(new AuditFilter(Scope: scope, Action: "key.created"), 0, 10).Items.ShouldBe([lower]);
    }

    [StoreContractFact]
    public void A_page_is_a_slice_of_the_newest_first_order_with_the_full_total()
    {
        var entries = Enumerable.Range(0, 5).Select(i => Stores.Audit.Append(Entry("key.updated", key: "KeyA", at: Now.AddSeconds(i)))).ToList();

        var (items, total) = Stores.Audit.Find(new AuditFilter(KeyId: "KeyA"), 1, 2);

        total.ShouldBe(5);
        items.ShouldBe([entries[3], entries[2]]);
        Stores.Audit.Find(new AuditFilter(KeyId: "KeyA"), 10, 2).ShouldSatisfyAllConditions(
            page => page.Items.ShouldBeEmpty(), page => page.Total.ShouldBe(5));
    }

    [StoreContractFact]
    public void Pruning_deletes_only_entries_recorded_before_the_time()
    {
        Stores.Audit.Append(Entry("key.created", at: Now.AddDays(-2)));
        Stores.Audit.Append(Entry("key.created", at: Now.AddDays(-1).AddTicks(-1)));
        var kept = Stores.Audit.Append(Entry("key.created", at: Now.AddDays(-1)));

        Stores.Audit.Prune(Now.AddDays(-1)).ShouldBe(2);

        Stores.Audit.Find(new AuditFilter(), 0, 10).Items.ShouldBe([kept]);
    }
}

public sealed class LiteDbAuditStoreTests : AuditStoreContract
{
    private protected override Task<KeysStores> OpenAsync() => Task.FromResult(KeysStores.LiteDb());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditStoreTests(PostgresCluster cluster) : AuditStoreContract, IPostgresStoreTests
{
    private protected override Task<KeysStores> OpenAsync() => KeysStores.PostgresAsync(cluster);
}
