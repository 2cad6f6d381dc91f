using System.CommandLine;
using KsQuery.Host.Operations.AdminChannel;
using KsQuery.Modules.Keys.Administration;

namespace KsQuery.Host.Operations.Commands;

/// <summary><c>keys list [--account]</c>, <c>keys revoke &lt;id&gt;</c>, <c>keys revoke --account</c>.</summary>
internal static class KeysCommands
{
    public static Command Create(OperatorCommands.Runner run)
    {
        var keys = new Command("keys", "List and revoke API keys (online: at once; offline: the next start sees it).");

        var listAccount = new Option<string>("--account") { Description = "Only this account's keys (id or email)." };
        var list = new Command("list", "Keys, masked: id, account, name, chain/network, display, status, created, last used (tab-separated).") { listAccount };
        list.SetAction((parse, ct) => run.Session(parse, async (session, output, ct2) =>
        {
            var account = parse.GetValue(listAccount);
            var all = session.Online is { } online
                ? await online.GetAsync("/admin/keys" + (account is null ? "" : "?account=" + Uri.EscapeDataString(account)),
                    AdminJson.Default.IReadOnlyListAdminKey, ct2)
                : await AccountsCommands.Admin(session).ListKeysAsync(account, ct2);
            foreach (var k in all)
                await output.WriteLineAsync(Line(k));
        }, ct));
        keys.Subcommands.Add(list);

        var id = new Argument<string>("id") { Description = "The key's id.", Arity = ArgumentArity.ZeroOrOne };
        var revokeAccount = new Option<string>("--account") { Description = "Revoke every key of this account (id or email) instead." };
        var revoke = new Command("revoke", "Revoke one key by id, or every key of an account.") { id, revokeAccount };
        revoke.Validators.Add(result =>
        {
            if ((result.GetValue(id) is null) == (result.GetValue(revokeAccount) is null))
                result.AddError("give a key id or --account (one of them).");
        });
        revoke.SetAction((parse, ct) => run.Session(parse, async (session, output, ct2) =>
        {
            IReadOnlyList<AdminKey> revoked;
            if (parse.GetValue(id) is { } keyId)
                revoked = [session.Online is { } online
                    ? await online.PostAsync($"/admin/keys/{Uri.EscapeDataString(keyId)}/revoke", null, AdminJson.Default.AdminKey, ct2)
                    : await AccountsCommands.Admin(session).RevokeKeyAsync(keyId, bus: null, ct2)];
            else
            {
                var account = parse.GetValue(revokeAccount)!;
                revoked = session.Online is { } online
                    ? await online.PostAsync($"/admin/accounts/{Uri.EscapeDataString(account)}/revoke-keys", null, AdminJson.Default.IReadOnlyListAdminKey, ct2)
                    : await AccountsCommands.Admin(session).RevokeAccountKeysAsync(account, bus: null, ct2);
            }
            foreach (var k in revoked)
                await output.WriteLineAsync(Line(k));
            if (session.IsOffline)
                await Console.Error.WriteLineAsync(session.SeenWhen("the revocation"));
        }, ct));
        keys.Subcommands.Add(revoke);
        return keys;
    }

    private static string Line(AdminKey k) =>
        $"{k.Id}\t{k.AccountId}\t{k.Name}\t{k.Chain}/{k.Network}\t{k.Display}\t{k.Status}\t{k.CreatedAt:O}\t{k.LastUsedAt?.ToString("O") ?? "-"}";
}
