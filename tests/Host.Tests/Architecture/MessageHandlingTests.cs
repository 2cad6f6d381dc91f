using System.Collections.Concurrent;
using System.Net;
using Host.Tests.Support;
using Host.Tests.Usage;
using KsQuery.Contracts.Messages;
using KsQuery.Modules.Keys.LastUse;
using KsQuery.Modules.Usage.Aggregation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace Host.Tests.Architecture;

/// <summary>Issue 12, item 9: the Keys and Usage handlers of <see cref="KeyedCallsCompleted"/> used to be combined into one
/// logical handler (a Wolverine 6 mode removed in 7, warned about at every start): a failure of one stopped the other, and
/// usage reads waited for a handler that never reported.</summary>
public sealed class MessageHandlingTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Wolverine_logs_no_warning_at_start()
    {
        var logs = new CapturedLogs();
        // Wolverine's information too (the shipped settings keep it at Warning): proof that the capture sees its start-up log.
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Wolverine"] = "Information" };
        await using var host = await TestHost.StartAsync(_data.Path, settings, replaceServices: services => services.AddSingleton<ILoggerProvider>(logs));

        logs.Entries.ShouldContain(e => e.Category.StartsWith("Wolverine", StringComparison.Ordinal), "the capture sees Wolverine's start-up log");
        logs.Entries.Where(e => e.Category.StartsWith("Wolverine", StringComparison.Ordinal) && e.Level >= LogLevel.Warning)
            .Select(e => e.Message).ShouldBeEmpty();
    }

    [Fact]
    public async Task Each_handler_of_KeyedCallsCompleted_has_its_own_chain_and_local_queue_and_the_usage_queue_is_sequential()
    {
        await using var host = await TestHost.StartAsync(_data.Path);
        var options = host.Services.GetRequiredService<IWolverineRuntime>().Options;

        options.MultipleHandlerBehavior.ShouldBe(MultipleHandlerBehavior.Separated);
        var chains = host.Services.GetRequiredService<HandlerGraph>().AllChains().Where(c => c.MessageType == typeof(KeyedCallsCompleted)).ToList();
        chains.Count.ShouldBe(2);
        chains.ShouldAllBe(c => c.Handlers.Count == 1);
        chains.SelectMany(c => c.Handlers).Select(h => h.HandlerType)
            .ShouldBe([typeof(LastUseHandler), typeof(KeyedCallCompletedHandler)], ignoreOrder: true);

        Endpoint QueueOf(Type handler) => chains.Single(c => c.Handlers.Single().HandlerType == handler).Endpoints.ShouldHaveSingleItem();
        var usage = QueueOf(typeof(KeyedCallCompletedHandler));
        var keys = QueueOf(typeof(LastUseHandler));
        usage.Uri.ShouldNotBe(keys.Uri);
        keys.Uri.Scheme.ShouldBe("local");
        usage.Uri.Scheme.ShouldBe("local");
        usage.MaxDegreeOfParallelism.ShouldBe(1, "usage batches are counted one at a time, in publication order");
    }

    [Fact]
    public async Task A_failing_Keys_handler_neither_stops_usage_counting_nor_leaves_a_usage_read_waiting()
    {
        var clock = new Host.Tests.Usage.ManualClock();
        await using var host = await UsageTestHost.StartAsync(_data.Path, clock,
            replaceServices: services => services.AddSingleton<IKeyActivity, FailingKeyActivity>());
        var api = new ApiClient(host);
        var token = await api.SignUpAndLogInAsync("separated@example.com");
        await api.SelectAsync(token);
        var key = await api.CreateKeyWithAsync(token, "separated");

        for (var i = 0; i < 3; i++)
            (await host.CallAsync("/v1/kalp/testnet/network", key.Key)).Status.ShouldBe(200);

        // A hang guard, not a timing assertion: before the fix this read waited forever.
        var (status, summary, _) = await api.GetAsync("/v1/usage/summary", token).WaitAsync(TimeSpan.FromSeconds(60));
        status.ShouldBe(HttpStatusCode.OK, summary.ToString());
        summary.GetProperty("requests").GetInt64().ShouldBe(3);
    }

    private sealed class FailingKeyActivity : IKeyActivity
    {
        public void Record(string keyId, DateTimeOffset at) => throw new InvalidOperationException("the Keys handler fails (test double)");
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
