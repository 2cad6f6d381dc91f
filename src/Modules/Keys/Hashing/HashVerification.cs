namespace KsQuery.Modules.Keys.Hashing;

internal enum HashVerification
{
    Failed,
    Succeeded,

    /// <summary>Correct, but hashed with other parameters than configured: store a fresh hash.</summary>
    SucceededRehashNeeded,
}
