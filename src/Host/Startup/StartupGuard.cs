using System.Reflection;
using JasperFx;
using KsQuery.Host.Operations.Commands;

namespace KsQuery.Host.Startup;

/// <summary>Builds, starts and runs the host; a start that fails ends the process with one line on stderr
/// (<c>KS Query did not start: ...</c>) and the exit code of <see cref="ExitCodes"/>, instead of an unhandled exception,
/// a stack trace and an abort.</summary>
internal static class StartupGuard
{
    public const string Prefix = "KS Query did not start: ";

    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplication> build)
    {
        // The operator's commands (backup, restore, accounts, keys, plugins, check) build the host themselves, from the settings.
        if (OperatorCommands.Handles(args))
            return await OperatorCommands.RunAsync(args, build);
        WebApplication? app = null;
        try
        {
            app = build(args);
            // JasperFx commands (codegen write, used by scripts/codegen) only when one is named: looking for them costs start-up
            // time, and settings given as arguments (--urls=..., or a test host's --contentRoot=...) are the builder's.
            if (NamesCommand(args))
                return await app.RunJasperFxCommands(args);
            await app.StartAsync();
        }
        // A test host (Alba, WebApplicationFactory) stops the entry point with HostAbortedException once it has the built
        // host, and wants any other failure as the exception itself: only the process's own entry point exits.
        catch (Exception ex) when (ex is not HostAbortedException && Assembly.GetEntryAssembly() == typeof(StartupGuard).Assembly)
        {
            var (exitCode, line) = StartupFailures.Describe(ex);
            await Console.Error.WriteLineAsync(Prefix + line);
            if (exitCode == ExitCodes.Unexpected)
                await Console.Error.WriteLineAsync(ex.ToString());
            await StopQuietlyAsync(app);
            return exitCode;
        }

        // A test host (WebApplicationFactory, Alba) owns the host it was handed: it stops and disposes it. Waiting for
        // shutdown here as well would stop and dispose the same host a second time, beside the factory's own stop.
        if (Assembly.GetEntryAssembly() != typeof(StartupGuard).Assembly)
            return 0;
        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return 0;
    }

    private static bool NamesCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    // Closes what the partial start opened (the store, plugin files) and flushes the log; the start failed already, and
    // its line is out: a second failure while closing adds nothing for the operator.
    private static async Task StopQuietlyAsync(WebApplication? app)
    {
        if (app is null)
            return;
        try
        {
            await app.DisposeAsync();
        }
        catch (Exception)
        {
        }
    }
}
