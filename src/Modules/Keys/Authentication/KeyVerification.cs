using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Storage;

namespace KsQuery.Modules.Keys.Authentication;

/// <summary>The outcome of checking a presented key: the verified key, or a failure code (with the stored
/// key when one was found, so a rejection can be tied to its owner).</summary>
/// <param name="Restrictions">The verified key's restrictions, null when it has none.</param>
internal readonly record struct KeyVerification(VerifiedKey? Key, string? FailureCode, ApiKeyRecordSummary? Record,
    CompiledRestrictions? Restrictions = null)
{
    public bool Succeeded => Key is not null;

    public static KeyVerification Success(VerifiedKey key, CompiledRestrictions? restrictions = null) => new(key, null, null, restrictions);

    public static KeyVerification Fail(string code, ApiKeyRecordSummary? record = null) => new(null, code, record);
}

/// <summary>Who a rejected key belongs to.</summary>
internal sealed record ApiKeyRecordSummary(string Id, string AccountId, string Display)
{
    public static ApiKeyRecordSummary Of(ApiKeyRecord key) => new(key.Id, key.AccountId, key.Display);

    public static ApiKeyRecordSummary Of(VerifiedKey key) => new(key.KeyId, key.AccountId, key.Display);
}
