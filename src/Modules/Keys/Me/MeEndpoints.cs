using System.Security.Claims;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.ApiKeys;
using KsQuery.Modules.Keys.Networks;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace KsQuery.Modules.Keys.Me;

internal static class MeEndpoints
{
    public static RouteGroupBuilder MapMe(this RouteGroupBuilder me)
    {
        me.MapGet("/", GetMeAsync)
            .WithName("GetMe")
            .WithSummary("The signed-in account")
            .WithDescription("The account and its dashboard selection (chain, network, active key); the selection's fields are null until one is chosen.");
        me.MapPut("/selection", PutSelectionAsync)
            .WithName("PutSelection")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status404NotFound, "chain_not_found", "network_not_found", "key_not_found")
            .Answers(StatusCodes.Status409Conflict, "chain_not_available")
            .WithSummary("Choose the chain, network and active key")
            .WithDescription("Sets the chain and network the dashboard works with (matched case-insensitively and stored with " +
                             "their canonical ids; 404 `chain_not_found`/`network_not_found`, 409 `chain_not_available`) and " +
                             "optionally the active key, which must be one the caller can read (its own, or a key of a team it " +
                             "is a member of; else 404 `key_not_found`), active and scoped to that network (400 " +
                             "`validation_failed`). The selection is the account's own, in a team too (a team has none; each " +
                             "member keeps theirs). New keys default to this chain and network.");
        return me;
    }

    internal static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMeAsync(
        ClaimsPrincipal user, IAccountStore accounts, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByIdAsync(user.GetAccountId(), cancellationToken);
        return account is null ? AccountGone() : TypedResults.Ok(ToResponse(account));
    }

    internal static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult>> PutSelectionAsync(
        SelectionRequest request, ClaimsPrincipal user, IAccountStore accounts, KeyAccess keys, IMessageBus bus,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.Chain), "chain", "chain is required.")
            .Require(!string.IsNullOrWhiteSpace(request.Network), "network", "network is required.");
        if (request.ActiveKeyId is { } id)
            validation.Require(KeyIdText.IsPlausible(id), "activeKeyId", $"activeKeyId {KeyIdText.Rule}.");
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var accountId = user.GetAccountId();
        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        if (account is null)
            return AccountGone();

        var (network, problem) = await NetworkLookup.ResolveAsync(bus, request.Chain!, request.Network!, cancellationToken);
        if (problem is not null)
            return problem;

        if (request.ActiveKeyId is { } keyId)
        {
            var (key, refused) = await keys.KeyAsync(keyId, accountId, KeyAction.Read, cancellationToken);
            if (key is null)
                return refused!;
            if (key.StatusAt(time.GetUtcNow()) != ApiKeyStatus.Active)
                return ApiProblems.Invalid("activeKeyId", "The key is not active.");
            if (key.Chain != network!.ChainId || key.Network != network.NetworkId)
                return ApiProblems.Invalid("activeKeyId", $"The key belongs to {key.Chain}/{key.Network}, not {network.ChainId}/{network.NetworkId}.");
        }

        var selection = new AccountSelection(network!.ChainId!, network.NetworkId!, request.ActiveKeyId);
        await accounts.UpdateSelectionAsync(accountId, selection, cancellationToken);
        return TypedResults.Ok(ToResponse(account with { Selection = selection }));
    }

    private static MeResponse ToResponse(AccountRecord account) => new(
        account.Id,
        account.Email,
        new SelectionResponse(account.Selection?.Chain, account.Selection?.Network, account.Selection?.ActiveKeyId));

    // A deleted account's sessions end with it, so its tokens are refused before this; answer as for a bad token anyway.
    private static ProblemHttpResult AccountGone() =>
        ApiProblems.Unauthorized("unauthenticated", "The account of this access token no longer exists.");
}
