using KsQuery.Contracts.Http;
using KsQuery.Contracts.Storage.Postgres;
using KsQuery.Host.Operations.AdminChannel;
using KsQuery.Host.Startup;
using KsQuery.Host.Storage;

namespace KsQuery.Host.Operations.Commands;

/// <summary>Where a command works: through the running service's admin channel (<see cref="Online"/>), or on the files of
/// a stopped service (<see cref="Offline"/>: the host built, not started, holding <see cref="ServiceLock"/>).</summary>
internal sealed class CommandSession : IAsyncDisposable
{
    private readonly WebApplication _app;
    private ServiceLock? _lock;

    private CommandSession(WebApplication app, DataDirectory data)
    {
        _app = app;
        Data = data;
    }

    public DataDirectory Data { get; }

    public IServiceProvider Services => _app.Services;

    public AdminClient? Online { get; private set; }

    public bool IsOffline => _lock is not null;

    /// <summary>The accounts and keys are in the PostgreSQL store of <c>KSQUERY_STORE</c>, which other instances may be using
    /// while this command works offline.</summary>
    public bool OnPostgres => PostgresStore.IsSelected(Services.GetRequiredService<IConfiguration>());

    /// <summary>Builds the host from the settings (as a start does, without serving); a failure ends the command as it
    /// would end a start (settings: 2, data directory: 3).</summary>
    public static WebApplication Build(Func<string[], WebApplication> build, string[] settings, bool withStore)
    {
        try
        {
            DataDirectorySetup.WithoutStore.Value = !withStore;
            return build(settings);
        }
        catch (Exception ex) when (ex is not HostAbortedException)
        {
            var (exitCode, line) = StartupFailures.Describe(ex);
            throw new CommandFailed(exitCode, line);
        }
        finally
        {
            DataDirectorySetup.WithoutStore.Value = false;
        }
    }

    /// <summary>Online when a service answers on the data directory's admin socket, else offline: the data directory's lock
    /// taken, then the host built again, this time on the real store. Refuses when a service holds the data directory without
    /// an admin channel. <paramref name="probe"/> is a host built without the store; the session owns it from here.</summary>
    public static async Task<CommandSession> OpenAsync(WebApplication probe, Func<string[], WebApplication> build, string[] settings,
        TextWriter log, CancellationToken cancellationToken)
    {
        var data = probe.Services.GetRequiredService<DataDirectory>();
        using (var socket = await AdminChannelHost.TryConnectAsync(data, cancellationToken))
            if (socket is not null)
            {
                await log.WriteLineAsync($"online: through the running service's admin channel ({data.File(AdminChannelHost.SocketName)})");
                return new CommandSession(probe, data) { Online = AdminClient.Over(data.File(AdminChannelHost.SocketName)) };
            }
        await probe.DisposeAsync();
        CreateOwnerOnly(data.Path);
        var held = ServiceLock.TryTake(data) ?? throw new CommandFailed(CommandExitCodes.Refused, $"a KS Query service runs on {data.Path} " +
            "but its admin channel does not answer (the service is still starting, or AdminChannel:Enabled=false): run the command again in a " +
            "moment, or stop the service first.");
        try
        {
            var session = new CommandSession(Build(build, settings, withStore: true), data) { _lock = held };
            await log.WriteLineAsync(session.OnPostgres
                ? $"offline: no service runs on {data.Path}; working on the PostgreSQL store ({PostgresStore.Setting}) directly"
                : $"offline: no service runs on {data.Path}; working on its files");
            return session;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>What an offline change's operator is told about when running services see it.</summary>
    public string SeenWhen(string what) => OnPostgres
        ? $"instances running on the PostgreSQL store read {what} from it at once, except for keys they hold verified in memory: " +
          "those follow when the instance rechecks its cached keys (docs/scaling.md) or starts next."
        : $"the service sees {what} when it starts next.";

    /// <summary>Refuses backup and restore on PostgreSQL: they would archive the data directory without the accounts and keys.</summary>
    public static void RefuseOnPostgres(IServiceProvider services, string command)
    {
        if (PostgresStore.IsSelected(services.GetRequiredService<IConfiguration>()))
            throw new CommandFailed(CommandExitCodes.Refused, $"{command}: {PostgresStore.Setting} is set, so accounts, keys and the key ring are " +
                "in PostgreSQL, which this command does not archive: back the database up with pg_dump and restore it with pg_restore " +
                "(docs/scaling.md, Store).");
    }

    public async ValueTask DisposeAsync()
    {
        Online?.Dispose();
        await _app.DisposeAsync(); // closes the store (a checkpoint) before the lock is let go
        _lock?.Dispose();
    }
}
