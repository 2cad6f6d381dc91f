using System.Net;
using Host.Tests.Support;
using KsQuery.Tests.Postgres;

namespace Host.Tests.ScaleOut;

/// <summary>The operator's commands with <c>KSQUERY_STORE</c> set: they work on the PostgreSQL store itself (no instance holds
/// it the way a service holds a LiteDB file), and backup/restore point to pg_dump instead of archiving a partial copy.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCommandsTests(PostgresCluster cluster) : TwoInstancesOnPostgres(cluster)
{
    private const string Password = "correct horse battery";

    // The service's data directory, and the operator's: the commands run beside the instance, on the same database.
    private TempDirectory Instance => DataA;

    private TempDirectory Operator => DataB;

    private Task<HostProcess.Exited> CommandAsync(string? stdin, params string[] arguments) =>
        CommandProcess.RunAsync(Operator.Path, stdin, [.. arguments, "--KSQUERY_STORE=" + Store]);

    [PostgresFact]
    public async Task Accounts_and_keys_commands_work_on_the_store_a_running_instance_uses()
    {
        await using var instance = await StartAsync(Instance);
        var api = new ApiClient(instance);

        var created = await CommandAsync(Password, "accounts", "create", "--email", "ops@example.com", "--password-stdin");
        created.ExitCode.ShouldBe(0, created.ToString());
        created.Stderr.ShouldContain("PostgreSQL store", Case.Sensitive, created.ToString());

        var (login, body, _) = await api.PostAsync("/v1/auth/login", new { email = "ops@example.com", password = Password });
        login.ShouldBe(HttpStatusCode.OK, body.ToString());
        var token = body.GetProperty("accessToken").GetString()!;
        await api.SelectAsync(token);
        var (keyId, _) = await api.CreateKeyAsync(token, "bot");

        var listed = await CommandAsync(null, "accounts", "list");
        listed.ExitCode.ShouldBe(0, listed.ToString());
        listed.Stdout.ShouldContain("ops@example.com\t");
        var keys = await CommandAsync(null, "keys", "list", "--account", "ops@example.com");
        keys.Stdout.ShouldContain(keyId + "\t");

        var revoked = await CommandAsync(null, "keys", "revoke", keyId);
        revoked.ExitCode.ShouldBe(0, revoked.ToString());
        revoked.Stdout.ShouldContain("\trevoked\t");
        var (_, key, _) = await api.GetAsync($"/v1/keys/{keyId}", token);
        key.GetProperty("status").GetString().ShouldBe("revoked");
    }

    [PostgresFact]
    public async Task Backup_and_restore_say_that_PostgreSQL_is_backed_up_with_pg_dump()
    {
        var backup = await CommandAsync(null, "backup", Path.Combine(Operator.Path, "backup.tar.gz"));
        backup.ExitCode.ShouldBe(5, backup.ToString());
        backup.Stderr.ShouldContain("pg_dump");
        File.Exists(Path.Combine(Operator.Path, "backup.tar.gz")).ShouldBeFalse();

        var restore = await CommandAsync(null, "restore", Path.Combine(Operator.Path, "backup.tar.gz"));
        restore.ExitCode.ShouldBe(5, restore.ToString());
        restore.Stderr.ShouldContain("pg_restore");
    }
}
