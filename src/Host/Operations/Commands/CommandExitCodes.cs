namespace KsQuery.Host.Operations.Commands;

/// <summary>Exit codes of the operator's commands (docs/operations.md, Commands). 2 and 3 mean what they mean for a start.</summary>
internal static class CommandExitCodes
{
    public const int Ok = 0;

    /// <summary>Something not foreseen (a bug): the line names the exception.</summary>
    public const int Unexpected = 1;

    /// <summary>A setting is malformed or out of range, or a configuration file cannot be read.</summary>
    public const int Settings = 2;

    /// <summary>The data directory, the store, the key ring or a backup archive cannot be used.</summary>
    public const int Data = 3;

    /// <summary>The command cannot do what was asked: no such account or key, an email taken, a password too short, a data
    /// directory that is not empty, a service running where the command needs it stopped.</summary>
    public const int Refused = 5;

    /// <summary>A plugin failed to load or a required plugin is missing.</summary>
    public const int Plugins = 6;

    /// <summary>The command line itself is wrong (unknown command or option, a missing argument).</summary>
    public const int Usage = 64;
}

/// <summary>Ends a command with <paramref name="exitCode"/> and one line on stderr.</summary>
internal sealed class CommandFailed(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
