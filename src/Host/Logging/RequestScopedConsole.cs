using KsQuery.Contracts.Http;
using Microsoft.Extensions.Logging.Console;

namespace KsQuery.Host.Logging;

/// <summary>The console logger, whose entries written during a request carry that request's <see cref="RequestLogScope"/>.
/// The request is found when an entry is written (<see cref="CurrentRequest"/>, kept for the audit log anyway), so a
/// request that writes nothing costs nothing here: an activity or a scope begun per request cost the keyed path about 2 %
/// of its throughput (docs/performance.md).</summary>
[ProviderAlias("Console")]
internal sealed class RequestScopedConsole(ConsoleLoggerProvider console) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => console.CreateLogger(categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => console.SetScopeProvider(new Scopes(scopeProvider));

    public void Dispose() => console.Dispose();

    private sealed class Scopes(IExternalScopeProvider scopes) : IExternalScopeProvider
    {
        public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
        {
            if (CurrentRequest.Context is { } context)
                callback(new RequestLogScope(context), state);
            scopes.ForEachScope(callback, state);
        }

        public IDisposable Push(object? state) => scopes.Push(state);
    }

    /// <summary>Puts this provider in the place of the console provider that <c>AddJsonConsole</c> registered.</summary>
    public static void Replace(IServiceCollection services)
    {
        var registered = services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList();
        foreach (var descriptor in registered)
            services.Remove(descriptor);
        services.AddSingleton<ILoggerProvider>(sp => new RequestScopedConsole(ActivatorUtilities.CreateInstance<ConsoleLoggerProvider>(sp)));
    }
}
