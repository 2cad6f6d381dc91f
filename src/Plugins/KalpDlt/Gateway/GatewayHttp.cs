using System.Globalization;
using System.Net;
using KsQuery.Plugins.Abstractions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace KsQuery.Plugins.KalpDlt.Gateway;

/// <summary>Builds the HttpClient for the gateway: total timeout, retry, circuit breaker and per-attempt timeout,
/// without a DI container.</summary>
internal static class GatewayHttp
{
    public const int MaxResponseBytes = 1024 * 1024;

    public static HttpClient Create(GatewaySettings settings, PluginContext context, GatewayCircuit circuit)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = context.Time }
            .AddTimeout(settings.Timeout);
        if (settings.RetryCount > 0)
        {
            // Retrying a POST is safe here: the query route only evaluates and never changes state.
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.RetryCount,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    context.Log(PluginLogLevel.Warning, string.Create(CultureInfo.InvariantCulture,
                        $"Kalp gateway attempt {args.AttemptNumber + 1} failed ({Describe(args.Outcome)}); retrying in {args.RetryDelay.TotalMilliseconds:0} ms."));
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
                        $"Kalp gateway circuit opened for {args.BreakDuration.TotalSeconds:0.#} s after {Describe(args.Outcome)}."));
                    return default;
                },
                OnClosed = _ =>
                {
                    circuit.Closed();
                    context.Log(PluginLogLevel.Information, "Kalp gateway circuit closed.");
                    return default;
                },
            })
            .AddTimeout(settings.AttemptTimeout);

        var handler = new ResilienceHandler(builder.Build())
        {
            InnerHandler = new SocketsHttpHandler
            {
                // A redirect would carry the x-api-key header to wherever it points.
                AllowAutoRedirect = false,
                ConnectTimeout = settings.AttemptTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            },
        };
        return new HttpClient(handler)
        {
            MaxResponseContentBufferSize = MaxResponseBytes,
            // The pipeline times out on the plugin's clock; this real-clock bound also covers reading the body,
            // which happens after the handler returns.
            Timeout = settings.Timeout + TimeSpan.FromSeconds(1),
        };
    }

    /// <summary>Status code or exception type only: never a message or body, which could echo the request.</summary>
    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
            ? string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}")
            : outcome.Exception?.GetType().Name ?? "no answer";
}
