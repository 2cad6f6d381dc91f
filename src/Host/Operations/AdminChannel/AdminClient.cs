using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization.Metadata;
using KsQuery.Host.Operations.Commands;

namespace KsQuery.Host.Operations.AdminChannel;

/// <summary>HTTP over the admin socket of a running service.</summary>
internal sealed class AdminClient(HttpClient http) : IDisposable
{
    public static AdminClient Over(string socketPath) => new(new HttpClient(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = new Uri("http://admin.sock"),
        Timeout = Timeout.InfiniteTimeSpan,
    });

    public async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        await ReadAsync(await http.GetAsync(path, cancellationToken), type, cancellationToken);

    public async Task<T> PostAsync<T>(string path, AdminPasswordRequest? body, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var content = body is null ? null : JsonContent.Create(body, AdminJson.Default.AdminPasswordRequest);
        return await ReadAsync(await http.PostAsync(path, content, cancellationToken), type, cancellationToken);
    }

    /// <summary>Streams the answer of <paramref name="path"/> into <paramref name="output"/>.</summary>
    public async Task DownloadAsync(string path, Stream output, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            await ThrowAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(output, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                await ThrowAsync(response, cancellationToken);
            return (await response.Content.ReadFromJsonAsync(type, cancellationToken))!;
        }
    }

    private static async Task ThrowAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        AdminProblem? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync(AdminJson.Default.AdminProblem, cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
        }
        var line = problem is null ? $"the service answered {(int)response.StatusCode}." : $"{problem.Detail} ({problem.Code})";
        throw new CommandFailed((int)response.StatusCode >= 500 ? CommandExitCodes.Unexpected : CommandExitCodes.Refused, line);
    }

    public void Dispose() => http.Dispose();
}
