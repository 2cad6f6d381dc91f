using Host.Tests.Support;
using KsQuery.Host.Startup;
using KsQuery.Host.Storage.Migrations;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Startup;

/// <summary>Versioned migrations of the stored documents: the store's version is LiteDB's UserVersion; steps above it run
/// in order, once, and the version is recorded after each; a store of a newer release is refused and left as it is.</summary>
public sealed class StoreMigrationsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Steps_above_the_store_version_run_in_order_once_and_the_version_survives_reopening()
    {
        var file = Path.Combine(_temp.Path, "ksquery.db");
        var ran = new List<int>();
        var steps = Enumerable.Range(1, 3).Select(v => new StoreMigration(v, $"step {v}", db =>
        {
            ran.Add(v);
            db.GetCollection("probe").Upsert(new BsonDocument { ["_id"] = v, ["at"] = v });
        })).ToList();
        using (var database = Open(file))
        {
            database.UserVersion = 1;
            StoreMigrations.Apply(database, file, steps).ShouldBe([2, 3]);
        }
        ran.ShouldBe([2, 3]);

        using (var reopened = Open(file))
        {
            reopened.UserVersion.ShouldBe(3);
            StoreMigrations.Apply(reopened, file, steps).ShouldBeEmpty();
        }
        ran.ShouldBe([2, 3]);
    }

    [Fact]
    public void A_failing_step_stops_the_start_and_leaves_the_version_of_the_last_step_that_succeeded()
    {
        var file = Path.Combine(_temp.Path, "ksquery.db");
        using var database = Open(file);
        var steps = new List<StoreMigration>
        {
            new(1, "fine", _ => { }),
            new(2, "breaks", _ => throw new LiteException(0, "disk full")),
            new(3, "never reached", _ => throw new InvalidOperationException("must not run")),
        };

        var failure = Should.Throw<StartupFailure>(() => StoreMigrations.Apply(database, file, steps));

        failure.ExitCode.ShouldBe(ExitCodes.Data);
        failure.Message.ShouldContain("version 2 (breaks)");
        database.UserVersion.ShouldBe(1);
    }

    [Fact]
    public void Steps_must_be_numbered_without_gaps()
    {
        var file = Path.Combine(_temp.Path, "ksquery.db");
        using var database = Open(file);

        Should.Throw<InvalidOperationException>(() => StoreMigrations.Apply(database, file, [new(1, "a", _ => { }), new(3, "b", _ => { })]));
    }

    [Fact]
    public async Task A_new_store_is_created_at_the_latest_version()
    {
        var data = Directory.CreateDirectory(Path.Combine(_temp.Path, "data")).FullName;
        await using var host = await TestHost.StartAsync(data);

        host.Services.GetRequiredService<ILiteDatabase>().UserVersion.ShouldBe(StoreMigrations.Latest);
    }

    [Fact]
    public async Task A_store_of_a_newer_release_exits_with_code_3_and_is_left_byte_identical()
    {
        var data = Directory.CreateDirectory(Path.Combine(_temp.Path, "data")).FullName;
        var file = Path.Combine(data, "ksquery.db");
        using (var database = Open(file))
        {
            database.GetCollection("keys_accounts").Insert(new BsonDocument { ["email"] = "a@example.com" });
            database.UserVersion = StoreMigrations.Latest + 1;
        }
        var before = await File.ReadAllBytesAsync(file);

        var exited = await HostProcess.RunUntilExitAsync(data);

        exited.ShouldBeOneClearLine(ExitCodes.Data, "newer release");
        (await File.ReadAllBytesAsync(file)).ShouldBe(before);
    }

    private static LiteDatabase Open(string file) => new(new ConnectionString { Filename = file, Connection = ConnectionType.Direct });
}
