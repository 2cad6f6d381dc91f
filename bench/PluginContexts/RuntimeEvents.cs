using System.Diagnostics.Tracing;

namespace Bench.PluginContexts;

/// <summary>The runtime's own account of where the plugin's code came from, for the untimed diagnostic run: methods
/// given precompiled ReadyToRun code (R2RGetEntryPoint) and JIT compilations by optimization tier (MethodLoadVerbose),
/// counted by namespace prefix. Listening slows the process, so the timed runs never use it.</summary>
internal sealed class RuntimeEvents(IReadOnlyList<string> prefixes) : EventListener
{
    private const EventKeywords Jit = (EventKeywords)0x10;
    private const EventKeywords CompilationDiagnostic = (EventKeywords)0x2000000000;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, int>> _counts = [];
    private int _events;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, Jit | CompilationDiagnostic);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        string kind;
        var rejected = false;
        if (e.EventName == "R2RGetEntryPoint")
            kind = "R2R entry points";
        else if (e.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) == true && Payload(e, "MethodFlags") is uint flags)
            (kind, rejected) = (Tier(flags), (flags & 0x40) != 0);
        else
            return;
        if (Payload(e, "MethodNamespace") is not string type)
            return;
        lock (_lock)
        {
            _events++;
            // prefixes is null while the base constructor announces the event sources that already exist
            foreach (var prefix in prefixes ?? [])
            {
                if (!type.StartsWith(prefix, StringComparison.Ordinal))
                    continue;
                var counts = _counts.TryGetValue(prefix, out var c) ? c : _counts[prefix] = [];
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
                if (rejected) // MethodFlags 0x40: the method had ReadyToRun code and the runtime did not use it
                    counts["R2R code rejected"] = counts.GetValueOrDefault("R2R code rejected") + 1;
            }
        }
    }

    private static object? Payload(EventWrittenEventArgs e, string name) =>
        e.PayloadNames?.IndexOf(name) is >= 0 and var index ? e.Payload?[index] : null;

    /// <summary>MethodFlags bits 7-9: the code version's optimization tier (ClrEtwAll.man, MethodFlagsMap).</summary>
    private static string Tier(uint flags) => ((flags >> 7) & 7) switch
    {
        1 => "MinOpts",
        2 => "Optimized",
        3 => "Tier0",
        4 => "Tier1",
        5 => "ReadyToRun code",
        6 => "Tier1 OSR",
        7 => "Tier0 instrumented",
        _ => (flags & 0x8) != 0 ? "JIT (tier unknown)" : "not JIT",
    };

    /// <summary>Counts by prefix and kind once the runtime has delivered what it had queued (events arrive on a session
    /// thread some time after the fact: wait until none has come for half a second).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, int>> Settle()
    {
        var seen = -1;
        for (var i = 0; i < 20; i++)
        {
            lock (_lock)
            {
                if (_events == seen)
                    break;
                seen = _events;
            }
            Thread.Sleep(500);
        }
        lock (_lock)
            return _counts.ToDictionary(p => p.Key, p => new Dictionary<string, int>(p.Value));
    }
}
