namespace KsQuery.Modules.Keys.Accounts.Delete;

/// <summary>One pass of removing the data of deleted accounts, and of the teams disbanded with them, whose retention has
/// ended.</summary>
internal interface IDeletedAccountPurge
{
    /// <summary>Returns how many accounts' and teams' data was removed.</summary>
    Task<int> RunAsync(CancellationToken cancellationToken);
}
