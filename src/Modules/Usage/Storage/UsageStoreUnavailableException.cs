namespace KsQuery.Modules.Usage.Storage;

/// <summary>The usage store failed as a whole (I/O, lock timeout, closed): what was pending stays pending for the next attempt.</summary>
internal sealed class UsageStoreUnavailableException(Exception inner)
    : Exception("The usage store is unavailable; pending usage is kept and written at the next attempt.", inner);
