using System.CommandLine;
using KsQuery.Host.Health;
using KsQuery.Host.Operations.AdminChannel;
using KsQuery.Host.Plugins;
using KsQuery.Host.Startup;
using KsQuery.Modules.Chains;
using Microsoft.Extensions.Options;

namespace KsQuery.Host.Operations.Commands;

/// <summary><c>plugins</c> and <c>check</c>: what a start would find, without serving.</summary>
internal static class InspectCommands
{
    public static Command Plugins(OperatorCommands.Runner run)
    {
        var plugins = new Command("plugins", "The chain plugins a start would load (folder, chain, version, contract, source) and the " +
            "ones it would skip, with why; exit 6 when one is skipped or a required one is missing.");
        plugins.SetAction((parse, ct) => run.Build(parse, async (app, output, _) =>
        {
            var problems = await ReportPluginsAsync(app, output);
            foreach (var problem in problems)
                await Console.Error.WriteLineAsync(problem);
            if (problems.Count > 0)
                throw new CommandFailed(CommandExitCodes.Plugins, $"{problems.Count} plugin problem(s).");
        }, ct));
        return plugins;
    }

    public static Command Check(OperatorCommands.Runner run)
    {
        var check = new Command("check", "Validate the settings (as a start does), the data files (store and key ring; through the " +
            "service when it runs) and the plugins, without serving. Exit 0 when all is well, else a line per problem and the " +
            "exit code of the first (2 settings, 3 data, 6 plugins).");
        check.SetAction((parse, ct) => run.Build(parse, async (app, output, ct2) =>
        {
            var problems = new List<(int Code, string Line)>();
            try
            {
                app.Services.GetService<IStartupValidator>()?.Validate();
                await output.WriteLineAsync("settings: ok");
            }
            catch (Exception ex)
            {
                if (ex is OptionsValidationException invalid)
                    problems.AddRange(invalid.Failures.Select(f => (CommandExitCodes.Settings, $"invalid setting: {f}")));
                else
                    problems.Add(StartupFailures.Describe(ex));
            }

            problems.AddRange((await ReportPluginsAsync(app, output)).Select(p => (CommandExitCodes.Plugins, p)));
            await using (var session = await run.OpenAsync(app, parse, ct2))
            {
                if (session.Online is { } online)
                {
                    var status = await online.GetAsync("/admin/status", AdminJson.Default.AdminStatus, ct2);
                    await output.WriteLineAsync($"data: in use by the running service (process {status.ProcessId}, KS Query {status.Version}), " +
                        "which checked it at its start");
                }
                else
                {
                    try
                    {
                        await session.Services.GetServices<IHostedService>().OfType<StartupChecks>().Single().StartAsync(ct2);
                        await output.WriteLineAsync($"data: ok ({session.Data.Path})");
                    }
                    catch (Exception ex)
                    {
                        problems.Add(StartupFailures.Describe(ex));
                    }
                }
            }

            foreach (var (_, line) in problems)
                await Console.Error.WriteLineAsync(line);
            if (problems.Count > 0)
                throw new CommandFailed(problems[0].Code, $"check found {problems.Count} problem(s).");
            await output.WriteLineAsync("check: ok");
        }, ct));
        return check;
    }

    private static async Task<List<string>> ReportPluginsAsync(WebApplication app, TextWriter output)
    {
        var set = PluginLoader.Load(app.Configuration);
        var problems = new List<string>();
        foreach (var p in set.Plugins)
        {
            var d = p.Plugin.Descriptor;
            var version = p.Plugin.GetType().Assembly.GetName().Version?.ToString() ?? "?";
            await output.WriteLineAsync($"plugin {p.Folder}: loaded, chain {d.Id} ({d.Name}) version {version}, contract " +
                $"{d.ContractVersion}.{d.ContractMinorVersion}, networks {string.Join(",", d.Networks.Select(n => n.Id))}, " +
                $"{(p.IsBuiltIn ? "built-in" : "extra")}, {p.Source}");
        }
        foreach (var f in set.Failures)
            problems.Add($"plugin {f.Folder}: skipped ({f.Source}): {f.Reason}");
        var required = app.Configuration.GetSection("Plugins:Required") is var section && (section.GetChildren().Any() || section.Value is not null)
            ? section.GetChildren().Select(c => c.Value).Append(section.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())
            : ["kalp"];
        foreach (var folder in required.Where(r => set.Plugins.All(p => p.Folder != r) && set.Failures.All(f => f.Folder != r)))
            problems.Add($"plugin {folder}: missing: no plugin folder '{folder}' was found (Plugins:Required names it)");
        return problems;
    }
}
