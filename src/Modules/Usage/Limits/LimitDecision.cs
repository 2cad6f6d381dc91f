namespace KsQuery.Modules.Usage.Limits;

/// <summary>The outcome of a key's limit checks and the <c>RateLimit-*</c> values of its answer.</summary>
/// <param name="RefusalCode"><c>rate_limited</c>, <c>quota_exceeded</c>, or null when the call may go on.</param>
/// <param name="Limit">The limit of the policy nearest to exhaustion: the per-second limit, or the monthly quota when fewer
/// calls remain in it than in the current second.</param>
/// <param name="Remaining">Calls left under that policy.</param>
/// <param name="Reset">Time until that policy's window resets (end of the second, or start of next UTC month).</param>
/// <param name="Policy">The <c>RateLimit-Policy</c> value listing every policy of the key.</param>
internal readonly record struct LimitDecision(string? RefusalCode, long Limit, long Remaining, TimeSpan Reset, TimeSpan? RetryAfter, string Policy, string Detail)
{
    public const string RateLimited = "rate_limited";
    public const string QuotaExceeded = "quota_exceeded";
}
