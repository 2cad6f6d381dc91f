namespace KsQuery.Modules.Usage;

/// <summary>Counting semantics as told to API users (OpenAPI descriptions).</summary>
internal static class UsageDocs
{
    public const string Counting =
        "Counting is exact: every keyed call that got an answer is counted once. Counts are kept in memory per key, API, status " +
        "and minute and written every `Usage:FlushInterval` (default 1 s); reads include calls answered a moment ago. A graceful " +
        "stop writes everything; a hard kill loses at most the last flush interval of counts. Calls made with a key that could " +
        "not be identified (missing, malformed, unknown) belong to no account and are not shown. " + Unavailable;

    public const string Unavailable =
        "A read waits for the counting of the calls answered before it for at most `Usage:ReadTimeout` (default 5 s); past it, " +
        "or while the usage store cannot be written, it answers 503 `usage_unavailable` with `Retry-After` rather than a count " +
        "that may be short.";
}
