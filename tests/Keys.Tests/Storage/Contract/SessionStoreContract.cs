using KsQuery.Modules.Keys.Storage;
using KsQuery.Tests.Postgres;

namespace Keys.Tests.Storage.Contract;

/// <summary>What every <see cref="ISessionStore"/> and <see cref="IEndedSessionStore"/> does, LiteDB's and PostgreSQL's alike.</summary>
public abstract class SessionStoreContract : KeysStoreContract
{
    private static SessionRecord Session(string id, string account = "acc_1", DateTimeOffset? expiresAt = null) =>
        new(id, account, Now, Now.AddTicks(5), expiresAt ?? Now.AddDays(14), "203.0.113.7", "curl/8");

    [StoreContractFact]
    public void A_session_is_saved_replaced_and_found()
    {
        var session = Session("s1");
        Stores.Sessions.Save(session, Now);
        Stores.Sessions.Find("s1").ShouldBe(session);

        var refreshed = session with { RefreshedAt = Now.AddHours(1), ClientAddress = null, UserAgent = null };
        Stores.Sessions.Save(refreshed, Now);

        Stores.Sessions.Find("s1").ShouldBe(refreshed);
        Stores.Sessions.Find("S1").ShouldBeNull();
        Stores.Sessions.ListByAccount("acc_1").ShouldBe([refreshed]);
    }

    [StoreContractFact]
    public void Saving_drops_sessions_whose_tokens_have_all_expired()
    {
        Stores.Sessions.Save(Session("old", expiresAt: Now.AddMinutes(1)), Now);
        Stores.Sessions.Save(Session("new"), Now.AddMinutes(1));

        Stores.Sessions.Find("old").ShouldBeNull();
        Stores.Sessions.ListByAccount("acc_1").Select(s => s.Id).ShouldBe(["new"]);
    }

    [StoreContractFact]
    public void Sessions_are_deleted_one_by_one_or_per_account()
    {
        Stores.Sessions.Save(Session("s1"), Now);
        Stores.Sessions.Save(Session("s2"), Now);
        Stores.Sessions.Save(Session("s3"), Now);
        Stores.Sessions.Save(Session("s4", account: "acc_2"), Now);

        Stores.Sessions.Delete("S1").ShouldBeFalse();
        Stores.Sessions.Delete("s1").ShouldBeTrue();
        Stores.Sessions.Delete("s1").ShouldBeFalse();
        Stores.Sessions.DeleteByAccount("acc_1").Order(StringComparer.Ordinal).ShouldBe(["s2", "s3"]);

        Stores.Sessions.ListByAccount("acc_1").ShouldBeEmpty();
        Stores.Sessions.Find("s4").ShouldNotBeNull();
    }

    [StoreContractFact]
    public void An_ended_session_is_remembered_until_its_latest_until()
    {
        Stores.EndedSessions.Add(new EndedSession("s1", "acc_1", Now, Now.AddHours(2)), Now);
        Stores.EndedSessions.Add(new EndedSession("s1", "acc_1", Now.AddMinutes(1), Now.AddHours(1)), Now);
        Stores.EndedSessions.Add(new EndedSession("s2", "acc_1", Now, Now.AddMinutes(1)), Now);

        Stores.EndedSessions.Load(Now).OrderBy(e => e.SessionId).ShouldBe([
            new EndedSession("s1", "acc_1", Now.AddMinutes(1), Now.AddHours(2)),
            new EndedSession("s2", "acc_1", Now, Now.AddMinutes(1)),
        ]);
        Stores.EndedSessions.Load(Now.AddMinutes(1)).Select(e => e.SessionId).ShouldBe(["s1"]);
        Stores.OpenAnother().EndedSessions.Load(Now).Count.ShouldBe(2);
    }
}

public sealed class LiteDbSessionStoreTests : SessionStoreContract
{
    private protected override Task<KeysStores> OpenAsync() => Task.FromResult(KeysStores.LiteDb());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionStoreTests(PostgresCluster cluster) : SessionStoreContract, IPostgresStoreTests
{
    private protected override Task<KeysStores> OpenAsync() => KeysStores.PostgresAsync(cluster);
}
