namespace KsQuery.Host.Startup;

/// <summary>Exit codes of a start that failed (README, Exit codes). 0 is a normal stop.</summary>
internal static class ExitCodes
{
    /// <summary>Something not foreseen (a bug): the line names the exception.</summary>
    public const int Unexpected = 1;

    /// <summary>A setting is malformed or out of range, or a configuration file cannot be read.</summary>
    public const int Settings = 2;

    /// <summary>The data directory, the store file or the Data Protection key ring cannot be used.</summary>
    public const int Data = 3;

    /// <summary>The listen address (<c>ASPNETCORE_URLS</c>) cannot be bound.</summary>
    public const int Listen = 4;
}
