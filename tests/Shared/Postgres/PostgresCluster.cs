using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace KsQuery.Tests.Postgres;

/// <summary>Where Debian's PostgreSQL binaries are (<c>KSQ_POSTGRES_BIN</c> if set, else <c>/usr/lib/postgresql/&lt;version&gt;/bin</c>,
/// the newest). Without them
/// the PostgreSQL tests skip with <see cref="SkipReason"/>; <c>KSQ_REQUIRE_POSTGRES=1</c> (set by .ci/run) makes that a
/// failure.</summary>
public static class PostgresBinaries
{
    private static readonly Lazy<string?> Found = new(Find);

    public static string? Directory => Found.Value;

    public static bool IsAvailable => Directory is not null;

    public static bool IsRequired => Environment.GetEnvironmentVariable("KSQ_REQUIRE_POSTGRES") == "1";

    private static bool HasTools(string bin) => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl"));

    public const string SkipReason = "PostgreSQL not found: install Debian's postgresql (KSQ_REQUIRE_POSTGRES=1 makes this a failure)";

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("KSQ_POSTGRES_BIN") is { Length: > 0 } configured)
            return HasTools(configured) ? configured : null;
        const string root = "/usr/lib/postgresql";
        if (!System.IO.Directory.Exists(root))
            return null;
        return System.IO.Directory.GetDirectories(root)
            .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var v) ? v : -1, Bin: Path.Combine(version, "bin")))
            .Where(c => HasTools(c.Bin))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Bin)
            .FirstOrDefault();
    }
}

/// <summary>A test that needs PostgreSQL: skipped with <see cref="PostgresBinaries.SkipReason"/> when it is missing, unless
/// required.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresBinaries.IsAvailable && !PostgresBinaries.IsRequired)
            Skip = PostgresBinaries.SkipReason;
    }
}

/// <summary>A throw-away PostgreSQL cluster owned by the test run: a temp directory, loopback on a free port, its socket
/// inside the directory, trust authentication, no fsync; stopped and removed at the end. As root (initdb refuses it) the
/// cluster runs as the <c>postgres</c> user. Each test (or test class) takes a fresh database from
/// <see cref="CreateDatabaseAsync"/>, so none sees another's rows.</summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private const string User = "postgres";
    private readonly string _directory = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ksq-pg-" + Guid.NewGuid().ToString("N"))).FullName;
    private bool _started;

    public int Port { get; private set; }

    private string DataPath => Path.Combine(_directory, "data");

    private static bool RunningAsRoot => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        if (!PostgresBinaries.IsAvailable)
        {
            if (PostgresBinaries.IsRequired)
                throw new InvalidOperationException("PostgreSQL not found (KSQ_POSTGRES_BIN, else /usr/lib/postgresql/*/bin), and " +
                    "KSQ_REQUIRE_POSTGRES=1 requires it: install Debian's postgresql.");
            return; // the tests skip; nothing to start
        }
        if (RunningAsRoot)
            await RunAsync("chown", ["-R", $"{User}:{User}", _directory]);
        await RunPostgresToolAsync("initdb", ["-D", DataPath, "-U", User, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        // A free port can be taken between the probe and the start: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var options = $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={_directory} -c fsync=off -c synchronous_commit=off " +
                "-c full_page_writes=off -c max_connections=300";
            try
            {
                await RunPostgresToolAsync("pg_ctl", ["-D", DataPath, "-l", Path.Combine(_directory, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
                _started = true;
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>A new, empty database; its Npgsql connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (!_started)
            throw new InvalidOperationException("The PostgreSQL cluster did not start: " + PostgresBinaries.SkipReason);
        var name = "ksq_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database }.ConnectionString;

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_started)
        {
            try { await RunPostgresToolAsync("pg_ctl", ["-D", DataPath, "-m", "immediate", "-w", "stop"]); }
            catch (InvalidOperationException) { }
        }
        try { System.IO.Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunPostgresToolAsync(string tool, string[] arguments)
    {
        var path = Path.Combine(PostgresBinaries.Directory!, tool);
        return RunningAsRoot ? RunAsync("runuser", ["-u", User, "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
    }
}

/// <summary>The test classes that share one <see cref="PostgresCluster"/> (started once per test assembly). Each takes its
/// own databases from it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
