using System.CommandLine;
using KsQuery.Host.Operations.AdminChannel;
using KsQuery.Modules.Keys.Administration;

namespace KsQuery.Host.Operations.Commands;

/// <summary><c>accounts list|create|reset-password</c>.</summary>
internal static class AccountsCommands
{
    public static Command Create(OperatorCommands.Runner run)
    {
        var accounts = new Command("accounts", "List and create dashboard accounts, reset a password (online or offline).");

        var list = new Command("list", "Every account: id, email, creation time (tab-separated).");
        list.SetAction((parse, ct) => run.Session(parse, async (session, output, ct2) =>
        {
            var all = session.Online is { } online
                ? await online.GetAsync("/admin/accounts", AdminJson.Default.IReadOnlyListAdminAccount, ct2)
                : await Admin(session).ListAccountsAsync(ct2);
            foreach (var a in all)
                await output.WriteLineAsync($"{a.Id}\t{a.Email}\t{a.CreatedAt:O}");
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
