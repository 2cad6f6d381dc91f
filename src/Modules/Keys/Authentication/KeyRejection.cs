namespace KsQuery.Modules.Keys.Authentication;

/// <summary>
/// Why a keyed request was refused, kept in <c>HttpContext.Items</c> under string keys so the 401 writer
/// (and, without a reference to this module, the usage log of rejected calls) can read it.
/// </summary>
internal static class KeyRejection
{
    public const string CodeItem = "KsQuery.Keys.FailureCode";
    public const string KeyIdItem = "KsQuery.Keys.RejectedKeyId";
    public const string AccountIdItem = "KsQuery.Keys.RejectedAccountId";
    public const string DisplayItem = "KsQuery.Keys.RejectedDisplay";

    public static void Store(IDictionary<object, object?> items, KeyVerification failure)
    {
        items[CodeItem] = failure.FailureCode;
        if (failure.Record is { } key)
        {
            items[KeyIdItem] = key.Id;
            items[AccountIdItem] = key.AccountId;
            items[DisplayItem] = key.Display;
        }
    }
}
