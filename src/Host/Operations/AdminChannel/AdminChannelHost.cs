using System.Net.Sockets;
using KsQuery.Contracts.Http;
using KsQuery.Host.Startup;
using LiteDB;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace KsQuery.Host.Operations.AdminChannel;

/// <summary>The admin channel of the running service: a second, small Kestrel server listening only on the Unix domain
/// socket <c>admin.sock</c> in the data directory (mode 0600: whoever may open it may read the data directory anyway, so
/// the file system is the credential). Its routes (<see cref="AdminRoutes"/>) exist only there, never on the public
/// listener. The service also holds <see cref="ServiceLock"/> for as long as it runs.</summary>
internal sealed class AdminChannelHost(IServiceProvider services, DataDirectory data, ILiteDatabase database, IConfiguration configuration,
    ILogger<AdminChannelHost> logger) : IHostedLifecycleService, IAsyncDisposable
{
    public const string SocketName = "admin.sock";

    // sockaddr_un's sun_path: 108 bytes on Linux, the terminating NUL included.
    private const int MaxSocketPath = 107;

    private ServiceLock? _lock;
    private WebApplication? _channel;

    /// <summary>The lock, before any other service opens the store.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _lock = ServiceLock.TryTake(data) ?? throw StartupFailure.DataFile(
            $"another KS Query process runs on the data directory {data.Path} (it holds {ServiceLock.FileName}). Stop it, or point " +
            "KSQUERY_DATA at another directory.");
        return Task.CompletedTask;
    }

    /// <summary>The channel once the service listens: building a second web host took part of the start-up before the first
    /// call could be answered (docs/performance.md). A command in between is told the channel does not answer yet.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("AdminChannel:Enabled", true) || OperatingSystem.IsWindows())
            return;
        var socket = data.File(SocketName);
        if (System.Text.Encoding.UTF8.GetByteCount(socket) > MaxSocketPath)
        {
            logger.LogWarning("Admin channel off: the socket path {Socket} is longer than {Max} bytes; commands work only while the service is stopped",
                socket, MaxSocketPath);
            return;
        }
        File.Delete(socket); // left by a service that did not stop cleanly; the lock says none runs now
        _channel = await BuiltApartFromCaller(() =>
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(AdminChannelHost).Assembly.GetName().Name });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(o => o.ListenUnixSocket(socket, l => l.Protocols = HttpProtocols.Http1));
            var channel = builder.Build();
            channel.MapAdminRoutes(services);
            return channel;
        });
        await _channel.StartAsync(cancellationToken);
        File.SetUnixFileMode(socket, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        logger.LogInformation("Admin channel listening on {Socket}", socket);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_channel is not null)
            await _channel.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
            _channel = null;
            try { File.Delete(data.File(SocketName)); }
            catch (IOException) { }
        }
        if (_lock is not null)
        {
            // The store is closed (its last checkpoint written) before the lock is let go, so an offline command that takes the
            // lock next never opens a file this process still writes; the container's own dispose of it later does nothing.
            database.Dispose();
            _lock.Dispose();
            _lock = null;
        }
    }

    /// <summary>Runs <paramref name="build"/> without the caller's execution context. WebApplicationFactory (the tests' host)
    /// recognises the host it builds by an AsyncLocal seen in "Microsoft.Extensions.Hosting" diagnostic events, and for as long
    /// as its subscription lasts it applies its configuration, TestServer included, to every host built in that flow: under
    /// load this channel then got a TestServer and no socket.</summary>
    internal static Task<T> BuiltApartFromCaller<T>(Func<T> build)
    {
        using (ExecutionContext.SuppressFlow())
            return Task.Run(build);
    }

    /// <summary>Connects to the admin socket of <paramref name="data"/>; null when no service answers there.</summary>
    public static async Task<Socket?> TryConnectAsync(DataDirectory data, CancellationToken cancellationToken)
    {
        var path = data.File(SocketName);
        if (!File.Exists(path))
            return null;
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}

internal static class AdminChannelSetup
{
    /// <summary>The service lock and the admin channel (<see cref="AdminChannelHost"/>); registered before the other hosted
    /// services so the lock is taken before anything opens the store.</summary>
    public static IServiceCollection AddAdminChannel(this IServiceCollection services) =>
        services.AddHostedService<AdminChannelHost>();
}
