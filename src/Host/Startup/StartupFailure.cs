namespace KsQuery.Host.Startup;

/// <summary>A start that cannot succeed, with the one line that says what is wrong and what to do, and its exit code.</summary>
internal sealed class StartupFailure(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    public static StartupFailure DataFile(string message, Exception? inner = null) => new(ExitCodes.Data, message, inner);

    public static StartupFailure Settings(string message, Exception? inner = null) => new(ExitCodes.Settings, message, inner);
}
