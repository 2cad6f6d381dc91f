using KsQuery.Contracts.Http;
using KsQuery.Modules.Usage.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Usage.Tests.Support;

namespace Usage.Tests.Limits;

public sealed class KeyLimitsMiddlewareTests
{
    [Fact]
    public async Task The_rate_limit_headers_go_back_on_an_answer_cleared_by_an_exception()
    {
        using var usage = new Support.Usage();
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var limits = new KeyLimits(new QuotaTracker(usage.Aggregator), clock);
        var middleware = new KeyLimitsMiddleware(limits, clock);
        var (context, response) = KeyedContext(Support.Usage.Key("k", perSecond: 5));

        await Should.ThrowAsync<InvalidOperationException>(() => middleware.InvokeAsync(context, _ => throw new InvalidOperationException("boom")));

        context.Response.Headers.Clear(); // what the exception handler does before writing its 500
        await response.StartAsync();
        context.Response.Headers[RateLimitHeaders.Limit].ToString().ShouldBe("5");
        context.Response.Headers[RateLimitHeaders.Remaining].ToString().ShouldBe("4");
    }

    [Fact]
    public async Task A_served_call_carries_the_headers_without_a_callback()
    {
        using var usage = new Support.Usage();
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var limits = new KeyLimits(new QuotaTracker(usage.Aggregator), clock);
        var middleware = new KeyLimitsMiddleware(limits, clock);
        var (context, response) = KeyedContext(Support.Usage.Key("k", perSecond: 5));

        await middleware.InvokeAsync(context, _ => Task.CompletedTask);

        context.Response.Headers[RateLimitHeaders.Remaining].ToString().ShouldBe("4");
        response.Callbacks.ShouldBe(0);
    }

    private static (HttpContext Context, RecordingResponse Response) KeyedContext(VerifiedKey key)
    {
        var response = new RecordingResponse();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(response);
        context.Features.Set(key);
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new ChainApiMetadata("kalp", "testnet", "network")), "network"));
        return (context, response);
    }

    // A response that runs its OnStarting callbacks when told to, as a server does when the answer starts.
    private sealed class RecordingResponse : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _onStarting = [];

        public int Callbacks => _onStarting.Count;

        public override void OnStarting(Func<object, Task> callback, object state) => _onStarting.Add((callback, state));

        public async Task StartAsync()
        {
            foreach (var (callback, state) in Enumerable.Reverse(_onStarting))
                await callback(state);
        }
    }
}
