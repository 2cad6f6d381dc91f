using System.CommandLine;
using KsQuery.Host.Operations.AdminChannel;
using KsQuery.Modules.Keys.Administration;

namespace KsQuery.Host.Operations.Commands;

/// <summary><c>accounts list|create|reset-password|disable|enable</c>.</summary>
internal static class AccountsCommands
{
    public static Command Create(OperatorCommands.Runner run)
    {
        var accounts = new Command("accounts", "List and create dashboard accounts, reset a password, disable or enable an account (online or offline).");

        var list = new Command("list", "Every account: id, email, creation time, active or disabled (tab-separated).");
        list.SetAction((parse, ct) => run.Session(parse, async (session, output, ct2) =>
        {
            var all = session.Online is { } online
                ? await online.GetAsync("/admin/accounts", AdminJson.Default.IReadOnlyListAdminAccount, ct2)
                : await Admin(session).ListAccountsAsync(ct2);
            foreach (var a in all)
                await output.WriteLineAsync($"{a.Id}\t{a.Email}\t{a.CreatedAt:O}\t{(a.DisabledAt is null ? "active" : "disabled")}");
        }, ct));
        accounts.Subcommands.Add(list);

        var email = new Option<string>("--email") { Description = "The account's email.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of stdin (required: never on the command line)." };
        var create = new Command("create", "Create an account (for the first account of an automated install); prints its id.") { email, passwordStdin };
        create.SetAction((parse, ct) => run.Session(parse, async (session, output, ct2) =>
        {
            var password = await ReadPasswordAsync(parse.GetValue(passwordStdin));
            var account = session.Online is { } online
                ? await online.PostAsync("/admin/accounts", new AdminPasswordRequest(parse.GetValue(email), password), AdminJson.Default.AdminAccount, ct2)
                : await Admin(session).CreateAccountAsync(parse.GetValue(email)!, password, ct2);
            await output.WriteLineAsync(account.Id);
        }, ct));
        accounts.Subcommands.Add(create);

        var target = new Argument<string>("account") { Description = "The account's id or email." };
        var resetStdin = new Option<bool>("--password-stdin") { Description = "Read the new password from the first line of stdin (required)." };
        var reset = new Command("reset-password", "Set a new password; every session of the account ends.") { target, resetStdin };
        reset.SetAction((parse, ct) => run.Session(parse, async (session, output, ct2) =>
        {
            var password = await ReadPasswordAsync(parse.GetValue(resetStdin));
            var account = parse.GetValue(target)!;
            var done = session.Online is { } online
                ? await online.PostAsync($"/admin/accounts/{Uri.EscapeDataString(account)}/reset-password", new AdminPasswordRequest(null, password),
                    AdminJson.Default.AdminAccount, ct2)
                : await Admin(session).ResetPasswordAsync(account, password, ct2);
            await output.WriteLineAsync($"password reset for {done.Email} ({done.Id}); its sessions ended");
        }, ct));
        accounts.Subcommands.Add(reset);

        var disableTarget = new Argument<string>("account") { Description = "The account's id or email." };
        var disable = new Command("disable", "Disable an account: login refused, every session ended, its own keys (not its teams') " +
            "refused with key_disabled from their next call.") { disableTarget };
        disable.SetAction((parse, ct) => run.Session(parse, async (session, output, ct2) =>
        {
            var account = parse.GetValue(disableTarget)!;
            var done = session.Online is { } online
                ? await online.PostAsync($"/admin/accounts/{Uri.EscapeDataString(account)}/disable", null, AdminJson.Default.AdminAccount, ct2)
                : await Admin(session).DisableAccountAsync(account, bus: null, ct2);
            await output.WriteLineAsync($"{done.Email} ({done.Id}) disabled; its sessions ended and its keys are refused");
            if (session.IsOffline)
                await Console.Error.WriteLineAsync(session.SeenWhen("it"));
        }, ct));
        accounts.Subcommands.Add(disable);

        var enableTarget = new Argument<string>("account") { Description = "The account's id or email." };
        var enable = new Command("enable", "Enable a disabled account: login and its keys work again (ended sessions stay ended).") { enableTarget };
        enable.SetAction((parse, ct) => run.Session(parse, async (session, output, ct2) =>
        {
            var account = parse.GetValue(enableTarget)!;
            var done = session.Online is { } online
                ? await online.PostAsync($"/admin/accounts/{Uri.EscapeDataString(account)}/enable", null, AdminJson.Default.AdminAccount, ct2)
                : await Admin(session).EnableAccountAsync(account, bus: null, ct2);
            await output.WriteLineAsync($"{done.Email} ({done.Id}) enabled");
            if (session.IsOffline)
                await Console.Error.WriteLineAsync(session.SeenWhen("it"));
        }, ct));
        accounts.Subcommands.Add(enable);
        return accounts;
    }

    internal static KeysAdministration Admin(CommandSession session) => session.Services.GetRequiredService<KeysAdministration>();

    private static async Task<string> ReadPasswordAsync(bool fromStdin)
    {
        if (!fromStdin)
            throw new CommandFailed(CommandExitCodes.Usage, "give the password on stdin with --password-stdin (never as an argument).");
        var line = await Console.In.ReadLineAsync();
        return string.IsNullOrEmpty(line)
            ? throw new CommandFailed(CommandExitCodes.Usage, "--password-stdin: stdin gave no password (one line expected).")
            : line;
    }
}
