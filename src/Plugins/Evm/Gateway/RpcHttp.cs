using System.Globalization;
using System.Net;
using KsQuery.Plugins.Abstractions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace KsQuery.Plugins.Evm.Gateway;

/// <summary>Builds the HttpClient of one upstream, as the KALP gateway's: total timeout, retry (every call is a read,
/// so retrying is safe), circuit breaker and per-attempt timeout, without a DI container.</summary>
internal static class RpcHttp
{
    public static HttpClient Create(EvmSettings settings, UpstreamSettings upstream, string chainId, PluginContext context, RpcCircuit circuit)
    {
        var name = $"{chainId}/{upstream.Network.Id} upstream";
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = context.Time }
            .AddTimeout(settings.Timeout);
        if (settings.RetryCount > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.RetryCount,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    context.Log(PluginLogLevel.Warning, string.Create(CultureInfo.InvariantCulture,
                        $"{name}: attempt {args.AttemptNumber + 1} failed ({Describe(args.Outcome)}); retrying in {args.RetryDelay.TotalMilliseconds:0} ms."));
                    return default;
                },
            });
        }
        builder
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                OnOpened = args =>
                {
                    circuit.Opened(args.BreakDuration);
                    context.Log(PluginLogLevel.Error, string.Create(CultureInfo.InvariantCulture,
                        $"{name}: circuit opened for {args.BreakDuration.TotalSeconds:0.#} s after {Describe(args.Outcome)}."));
                    return default;
                },
                OnClosed = _ =>
                {
                    circuit.Closed();
                    context.Log(PluginLogLevel.Information, $"{name}: circuit closed.");
                    return default;
                },
            })
            .AddTimeout(settings.Timeout);

        var handler = new ResilienceHandler(builder.Build())
        {
            InnerHandler = new SocketsHttpHandler
            {
                // A redirect would carry the provider's key header to wherever it points.
                AllowAutoRedirect = false,
                ConnectTimeout = settings.Timeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            },
        };
        return new HttpClient(handler)
        {
            // The pipeline times out on the plugin's clock; the body is read by RpcClient under its own bound.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Status code or exception type only: never a message or body, which could echo the request.</summary>
    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
            ? string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}")
            : outcome.Exception?.GetType().Name ?? "no answer";
}
