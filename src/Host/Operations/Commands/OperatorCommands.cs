using System.CommandLine;
using KsQuery.Host.Operations.Backup;
using KsQuery.Modules.Keys.Administration;

namespace KsQuery.Host.Operations.Commands;

/// <summary>The operator's commands on the service's binary (docs/operations.md, Commands): <c>backup</c>, <c>restore</c>,
/// <c>accounts</c>, <c>keys</c>, <c>plugins</c>, <c>check</c>. They read the settings as a start does (appsettings.json, the
/// environment, <c>--Key=value</c> arguments); <c>--data</c> stands for <c>KSQUERY_DATA</c>. Data goes to stdout, whether a
/// command worked online or offline and every problem to stderr, one line each.</summary>
internal static class OperatorCommands
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal) { "backup", "restore", "accounts", "keys", "plugins", "check" };

    // Options of the commands themselves; any other --name=value is a setting, as for the service.
    private static readonly HashSet<string> OwnOptions = new(StringComparer.Ordinal) { "--data", "--email", "--account", "--password-stdin", "--force" };

    public static bool Handles(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplication> build)
    {
        var settings = args.Where(IsSetting).ToList();
        var commandArgs = args.Where(a => !IsSetting(a)).ToArray();
        var data = new Option<DirectoryInfo>("--data") { Description = "The data directory (instead of KSQUERY_DATA).", Recursive = true };
        var run = new Runner(build, settings, data);
        var root = new RootCommand("KS Query operator commands. Settings come from appsettings.json, the environment and --Key=value " +
            "arguments, as for the service.")
        {
            BackupCommands.Backup(run), BackupCommands.Restore(run), AccountsCommands.Create(run), KeysCommands.Create(run),
            InspectCommands.Plugins(run), InspectCommands.Check(run),
        };
        root.Options.Add(data);
        var parse = root.Parse(commandArgs);
        if (parse.Errors.Count > 0 && !commandArgs.Any(a => a is "-h" or "--help" or "-?"))
        {
            foreach (var error in parse.Errors)
                await Console.Error.WriteLineAsync("error: " + error.Message);
            await Console.Error.WriteLineAsync($"See: {string.Join(' ', commandArgs.TakeWhile(a => !a.StartsWith('-')).Take(2))} --help");
            return CommandExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static bool IsSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq && eq > 2 && !OwnOptions.Contains(arg[..eq]);

    /// <summary>Runs a command's work: builds the host from the settings without its store, then either hands it over as it
    /// is (<see cref="Build"/>) or opens a <see cref="CommandSession"/> (<see cref="Session"/>); turns every failure into one line
    /// on stderr and its exit code.</summary>
    internal sealed class Runner(Func<string[], WebApplication> build, IReadOnlyList<string> settings, Option<DirectoryInfo> data)
    {
        public Task<int> Session(ParseResult parse, Func<CommandSession, TextWriter, CancellationToken, Task> work, CancellationToken cancellationToken) =>
            Build(parse, async (probe, output, ct) =>
            {
                await using var session = await OpenAsync(probe, parse, ct);
                await work(session, output, ct);
            }, cancellationToken);

        /// <summary>A <see cref="CommandSession"/> from <paramref name="probe"/>, a host that <see cref="Build"/> gave.</summary>
        public Task<CommandSession> OpenAsync(WebApplication probe, ParseResult parse, CancellationToken cancellationToken) =>
            CommandSession.OpenAsync(probe, build, AppArgs(parse), Console.Error, cancellationToken);

        private string[] AppArgs(ParseResult parse)
        {
            // Informational logs of the host (plugins loaded, ...) would mix with the command's output.
            var appArgs = new List<string> { "--Logging:LogLevel:Default=Warning" };
            appArgs.AddRange(settings);
            if (parse.GetValue(data) is { } directory)
                appArgs.Add("--KSQUERY_DATA=" + directory.FullName);
            return [.. appArgs];
        }

        public async Task<int> Build(ParseResult parse, Func<WebApplication, TextWriter, CancellationToken, Task> work, CancellationToken cancellationToken)
        {
            try
            {
                var app = CommandSession.Build(build, AppArgs(parse), withStore: false);
                await using (app)
                    await work(app, Console.Out, cancellationToken);
                return CommandExitCodes.Ok;
            }
            catch (CommandFailed failed)
            {
                await Console.Error.WriteLineAsync(failed.Message);
                return failed.ExitCode;
            }
            catch (AdministrationRefused refused)
            {
                await Console.Error.WriteLineAsync($"{refused.Message} ({refused.Code})");
                return CommandExitCodes.Refused;
            }
            catch (BackupRejected rejected)
            {
                await Console.Error.WriteLineAsync("the archive cannot be restored: " + rejected.Message);
                return CommandExitCodes.Data;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var (exitCode, line) = Startup.StartupFailures.Describe(ex);
                await Console.Error.WriteLineAsync(line);
                return exitCode;
            }
        }
    }
}
