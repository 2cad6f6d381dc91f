using System.Net;
using System.Net.Sockets;

namespace Bench.Runner;

/// <summary>The simplest load balancer: a TCP listener on loopback that hands each new connection to the next backend in
/// turn and copies bytes both ways. wrk keeps its connections open, so its connections are spread evenly.</summary>
internal sealed class LoopbackBalancer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<IPEndPoint> _backends;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _next;

    public LoopbackBalancer(IEnumerable<string> backendUrls)
    {
        _backends = [.. backendUrls.Select(u => new Uri(u)).Select(u => new IPEndPoint(IPAddress.Loopback, u.Port))];
        _listener.Start(1024);
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    public string Url { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { return; }
            var backend = _backends[Interlocked.Increment(ref _next) % _backends.Count];
            _ = PipeAsync(client, backend);
        }
    }

    private async Task PipeAsync(Socket client, IPEndPoint backend)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (client)
        {
            client.NoDelay = true;
            try
            {
                await upstream.ConnectAsync(backend, _stop.Token);
                await Task.WhenAny(CopyAsync(client, upstream), CopyAsync(upstream, client));
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
            {
            }
        }
    }

    private async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0)
                return;
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
    }
}
