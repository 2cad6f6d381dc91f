using System.Diagnostics;
using KsQuery.Host.Operations.AdminChannel;
using Microsoft.AspNetCore.Builder;

namespace Host.Tests.Operations;

/// <summary>The admin channel's own web host is built outside the flow that starts the service, so a listener scoped to that
/// flow (WebApplicationFactory's, in tests) never configures it: it once swapped the channel's Kestrel for a TestServer, and
/// the service failed to start because admin.sock did not exist.</summary>
public sealed class AdminChannelBuildTests : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly AsyncLocal<string?> Flow = new();
    private readonly List<string?> _flowsSeenBuilding = [];

    [Fact]
    public async Task A_host_built_for_the_channel_is_not_seen_as_built_in_the_callers_flow()
    {
        Flow.Value = nameof(A_host_built_for_the_channel_is_not_seen_as_built_in_the_callers_flow);
        using (DiagnosticListener.AllListeners.Subscribe(this))
        {
            await using var channel = await AdminChannelHost.BuiltApartFromCaller(() => WebApplication.CreateSlimBuilder().Build());
        }

        lock (_flowsSeenBuilding)
        {
            _flowsSeenBuilding.ShouldNotBeEmpty();
            _flowsSeenBuilding.ShouldAllBe(flow => flow == null);
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.Extensions.Hosting")
            value.Subscribe(this);
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        // Hosts other tests build in parallel are seen too, outside this test's flow (null), which is what is asserted.
        if (value.Key != "HostBuilding")
            return;
        lock (_flowsSeenBuilding)
            _flowsSeenBuilding.Add(Flow.Value);
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }
}
