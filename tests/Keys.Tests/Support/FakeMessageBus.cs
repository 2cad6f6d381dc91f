using System.Collections.Concurrent;
using KsQuery.Contracts.Messages;
using Wolverine;

namespace Keys.Tests.Support;

/// <summary>Stands in for Wolverine in module-level HTTP tests: answers <see cref="ResolveNetwork"/> from a small
/// table and hands published messages to a callback (as local routing would).</summary>
internal sealed class FakeMessageBus : IMessageBus
{
    public ConcurrentQueue<object> Published { get; } = new();

    public Action<object>? OnPublish { get; set; }

    public string? TenantId { get; set; }

    public static NetworkResolution Resolve(ResolveNetwork request) => (request.Chain.ToLowerInvariant(), request.Network.ToLowerInvariant()) switch
    {
        ("kalp", "testnet") => new(NetworkResolutionOutcome.Found, "kalp", "testnet", true),
        ("kalp", "mainnet") => new(NetworkResolutionOutcome.Found, "kalp", "mainnet", false),
        ("kalp", _) => new(NetworkResolutionOutcome.NetworkNotFound, null, null, false),
        ("ethereum", _) => new(NetworkResolutionOutcome.ChainNotAvailable, null, null, false),
        _ => new(NetworkResolutionOutcome.ChainNotFound, null, null, false),
    };

    /// <summary>What the Usage module answers for a key's totals; tests may set it.</summary>
    public KeyUsageTotals UsageTotals { get; set; } = new(0, 0, null);

    public Task<T> InvokeAsync<T>(object message, CancellationToken cancellation = default, TimeSpan? timeout = null) => message switch
    {
        ResolveNetwork resolve when Resolve(resolve) is T answer => Task.FromResult(answer),
        GetKeyUsageTotals when UsageTotals is T totals => Task.FromResult(totals),
        _ => throw new NotSupportedException(message.GetType().Name),
    };

    public Task<T> InvokeAsync<T>(object message, DeliveryOptions options, CancellationToken cancellation = default, TimeSpan? timeout = null) =>
        InvokeAsync<T>(message, cancellation, timeout);

    public ValueTask PublishAsync<T>(T message, DeliveryOptions? options = null)
    {
        Published.Enqueue(message!);
        OnPublish?.Invoke(message!);
        return ValueTask.CompletedTask;
    }

    public Task InvokeAsync(object message, CancellationToken cancellation = default, TimeSpan? timeout = null) => throw new NotSupportedException();
    public Task InvokeAsync(object message, DeliveryOptions options, CancellationToken cancellation = default, TimeSpan? timeout = null) => throw new NotSupportedException();
    public IAsyncEnumerable<TResponse> StreamAsync<TResponse>(object message, CancellationToken cancellation = default) => throw new NotSupportedException();
    public IAsyncEnumerable<TResponse> StreamAsync<TResponse>(object message, DeliveryOptions options, CancellationToken cancellation = default) => throw new NotSupportedException();
    public Task<TResponse> StreamAsync<TRequest, TResponse>(IAsyncEnumerable<TRequest> requests, CancellationToken cancellation = default, TimeSpan? timeout = null) => throw new NotSupportedException();
    public Task<TResponse> StreamAsync<TRequest, TResponse>(IAsyncEnumerable<TRequest> requests, DeliveryOptions options, CancellationToken cancellation = default, TimeSpan? timeout = null) => throw new NotSupportedException();
    public Task InvokeForTenantAsync(string tenantId, object message, CancellationToken cancellation = default, TimeSpan? timeout = null) => throw new NotSupportedException();
    public Task<T> InvokeForTenantAsync<T>(string tenantId, object message, CancellationToken cancellation = default, TimeSpan? timeout = null) => throw new NotSupportedException();
    public IDestinationEndpoint EndpointFor(string endpointName) => throw new NotSupportedException();
    public IDestinationEndpoint EndpointFor(Uri uri) => throw new NotSupportedException();
    public IReadOnlyList<Envelope> PreviewSubscriptions(object message) => throw new NotSupportedException();
    public IReadOnlyList<Envelope> PreviewSubscriptions(object message, DeliveryOptions options) => throw new NotSupportedException();
    public ValueTask SendAsync<T>(T message, DeliveryOptions? options = null) => throw new NotSupportedException();
    public ValueTask BroadcastToTopicAsync(string topicName, object message, DeliveryOptions? options = null) => throw new NotSupportedException();
}
