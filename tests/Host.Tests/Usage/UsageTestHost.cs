using System.Net;
using System.Text.Json;
using Host.Tests.Support;
using KsQuery.Modules.Keys.KeyFormat;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Host.Tests.Usage;

/// <summary>The real host with a clock the test moves by hand (replacing the <see cref="TimeProvider"/> singleton that the
/// modules only <c>TryAdd</c>), optionally with the SampleChain plugin (a second network, for scope mismatches).</summary>
internal static class UsageTestHost
{
    public static Task<IAlbaHost> StartAsync(string dataDirectory, ManualClock clock, bool withSampleChain = false,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? replaceServices = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (withSampleChain)
            all.TryAdd("KSQUERY_PLUGINS", TestPlugins.Install(Path.Combine(dataDirectory, "plugins"), "SampleChain"));
        return TestHost.StartAsync(dataDirectory, all, clock, replaceServices);
    }

    /// <summary>A keyed call as a given client: address and user agent are set on the connection and request.</summary>
    public static async Task<KeyedAnswer> CallAsync(this IAlbaHost host, string path, string? key,
        string ip = "203.0.113.10", string? userAgent = "usage-tests/1.0", string method = "GET")
    {
        var context = await host.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            if (key is not null)
                c.Request.Headers["X-Api-Key"] = key;
            if (userAgent is not null)
                c.Request.Headers.UserAgent = userAgent;
            c.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        var body = string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new KeyedAnswer(context.Response.StatusCode, body, context.Response.Headers);
    }

    /// <summary>Creates a key with the given settings on the caller's selection (or chain/network); returns (id, plaintext).</summary>
    public static async Task<(string Id, string Key)> CreateKeyWithAsync(this ApiClient api, string token, string name,
        int? rateLimitPerSecond = null, long? monthlyQuota = null, DateTimeOffset? expiresAt = null, string? chain = null, string? network = null)
    {
        var (status, body, _) = await api.PostAsync("/v1/keys", new { name, rateLimitPerSecond, monthlyQuota, expiresAt, chain, network }, token);
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    /// <summary>The same key id with another (well-formed) secret: identified, but wrong. Each
    /// <paramref name="variant"/> gives another wrong secret.</summary>
    public static string WithWrongSecret(string key, int variant = 0)
    {
        ApiKeyCodec.TryParse(key, out var parsed).ShouldBeTrue();
        Base62.TryDecode(parsed.KeyId, ulong.MaxValue, out var publicId).ShouldBeTrue();
        var secret = (byte[])parsed.Secret.Clone();
        secret[0] ^= 0x5A;
        BitConverter.TryWriteBytes(secret.AsSpan(1), variant ^ BitConverter.ToInt32(secret, 1)).ShouldBeTrue();
        return ApiKeyCodec.Format(parsed.IsTest, publicId, secret).Plaintext;
    }

    /// <summary>A well-formed key whose id no account has: it cannot be identified.</summary>
    public static string UnknownKey() => ApiKeyCodec.Generate(isTest: true).Plaintext;
}

internal sealed record KeyedAnswer(int Status, JsonElement Body, IHeaderDictionary Headers)
{
    public string Code => Body.GetProperty("code").GetString()!;

    public string Header(string name) => Headers[name].ToString();
}

/// <summary>A clock the test moves by hand; timers still run on real time (the flusher keeps flushing).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <summary>Now, rounded down to the minute, plus 5 s: a short test stays in one minute and one second window.</summary>
    public ManualClock() : this(StartOfMinute(DateTimeOffset.UtcNow).AddSeconds(5))
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref _ticks, at.UtcTicks);

    private static DateTimeOffset StartOfMinute(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
