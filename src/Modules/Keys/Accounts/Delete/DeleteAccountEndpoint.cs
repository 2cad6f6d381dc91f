using System.Security.Claims;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.ApiKeys;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Auth;
using KsQuery.Modules.Keys.Auth.Sessions;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Teams;
using KsQuery.Modules.Keys.Throttling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Wolverine;

namespace KsQuery.Modules.Keys.Accounts.Delete;

internal static class DeleteAccountEndpoint
{
    public static RouteGroupBuilder MapDeleteAccount(this RouteGroupBuilder me)
    {
        me.MapDelete("/", DeleteAsync)
            .WithName("DeleteAccount")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status401Unauthorized, "invalid_credentials")
            .Answers(StatusCodes.Status409Conflict, "team_owner_required")
            .Answers(StatusCodes.Status429TooManyRequests, "too_many_attempts")
            .WithSummary("Delete your account")
            .WithDescription("Deletes the account after checking its password (body `{password}`; 401 `invalid_credentials`, " +
                             "counted by the login throttle, 429 `too_many_attempts`). 204 on success, and at once: every key of " +
                             "the account is revoked (the next keyed call with any of them gets 401 `key_revoked`), every session " +
                             "ends (its access tokens get 401 `unauthenticated`), logging in with the email is refused as for " +
                             "an unknown email, and the email is free for a new account (which sees nothing of this one). A team " +
                             "keeps an owner: the last owner of a team that has other members gets 409 `team_owner_required` " +
                             "(its `teams` lists them, `{id, name}`) until another member is an owner of each; a team with no " +
                             "other member goes with the account, its keys revoked with the account's own. The " +
                             "account's keys, sessions and usage, and those teams' keys and usage, are kept for " +
                             "`Accounts:DeletedRetentionDays` (default 30) and then removed for good (the teams' members and " +
                             "invitations go at once). There is no undo.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return me;
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        [FromBody] DeleteAccountRequest request, HttpContext context, ClaimsPrincipal user, [AsParameters] DeleteAccountServices services,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Password) || Password.Length(request.Password) > Password.MaxLength)
            return ApiProblems.Invalid("password", "password is required.");

        var accountId = user.GetAccountId();
        if (await services.Accounts.FindByIdAsync(accountId, cancellationToken) is not { } account)
            return ApiProblems.Unauthorized("unauthenticated", "The account of this access token no longer exists.");
        if (services.Throttle.TryReserve(account.NormalizedEmail, ClientAddress.Of(context), out var attempt) is { } wait)
            return AuthProblems.TooManyAttempts(context, wait);
        if (await services.Hasher.VerifyAsync(Password.Bytes(request.Password), account.PasswordHash, HashPartition.Account(accountId),
                cancellationToken) == HashVerification.Failed)
            return ApiProblems.Unauthorized("invalid_credentials", "The password is not correct.");
        services.Throttle.Succeeded(attempt);

        var (sharedTeams, soleTeams) = await OwnedTeamsAsync(services.Teams, accountId, cancellationToken);
        if (sharedTeams.Count > 0)
            return TeamProblems.OwnerRequired(sharedTeams);
        var now = services.Time.GetUtcNow();
        var purgeAt = now.AddDays(services.Options.Value.DeletedRetentionDays);
        // Gone before any key is revoked: from here no invitation can bring one back as a team without an owner. Its keys
        // and usage stay until purgeAt, as the account's do.
        if (await services.Teams.TryDisbandAsync(soleTeams, accountId, now, purgeAt, cancellationToken) is { Count: > 0 } joined)
        {
            var (nowShared, _) = await OwnedTeamsAsync(services.Teams, accountId, cancellationToken);
            return TeamProblems.OwnerRequired(nowShared.Where(team => joined.Contains(team.Id)).ToList());
        }

        // Keys first, then sessions, then the account: a failure half-way leaves an account its owner can delete again,
        // never a deleted account with keys that still work. Teams an earlier, failed attempt disbanded are no longer among
        // the account's memberships: they are remembered with it.
        var disbanded = await services.Teams.DisbandedByAsync(accountId, cancellationToken);
        var revoked = 0;
        foreach (var ownerId in soleTeams.Union(disbanded).Prepend(accountId))
        {
            foreach (var key in await services.Keys.ListByAccountAsync(ownerId, cancellationToken))
            {
                var (result, _) = await services.Keys.TryChangeAsync(key.Id, ownerId, stored => stored.RevokedAsOf(now), cancellationToken);
                if (result != KeyWrite.Done)
                    continue;
                await services.Revocation.AnnounceAsync(services.Bus, key.Id);
                revoked++;
            }
        }
        var sessionsEnded = services.Sessions.EndAll(accountId).Count;
        await services.Accounts.DeleteAsync(accountId, now, purgeAt, cancellationToken);
        await services.Audit.RecordAsync(new AuditEvent(AuditActions.AccountDeleted, accountId, After: new JsonObject
        {
            ["keysRevoked"] = revoked,
            ["sessionsEnded"] = sessionsEnded,
            ["dataRemovedAt"] = purgeAt,
        }), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The teams the account is the last owner of: those shared with other members (which would be left without
    /// an owner) and those it is the only member of (which go with the account).</summary>
    private static async Task<(List<OwnedTeam> Shared, List<string> Sole)> OwnedTeamsAsync(ITeamStore teams, string accountId,
        CancellationToken cancellationToken)
    {
        List<OwnedTeam> shared = [];
        List<string> sole = [];
        foreach (var membership in await teams.MembershipsAsync(accountId, cancellationToken))
        {
            if (membership.Role != TeamRole.Owner)
                continue;
            var members = await teams.MembersAsync(membership.TeamId, cancellationToken);
            if (members.All(m => m.AccountId == accountId))
                sole.Add(membership.TeamId);
            else if (!members.Any(m => m.AccountId != accountId && m.Role == TeamRole.Owner)
                     && await teams.FindAsync(membership.TeamId, cancellationToken) is { } team)
                shared.Add(new OwnedTeam(team.Id, team.Name));
        }
        return (shared, sole);
    }
}

/// <summary>What deleting an account touches (bound with <c>[AsParameters]</c>).</summary>
internal sealed record DeleteAccountServices(
    IAccountStore Accounts,
    IApiKeyStore Keys,
    ITeamStore Teams,
    ISecretHasher Hasher,
    LoginThrottle Throttle,
    AccountSessions Sessions,
    KeyRevocation Revocation,
    IMessageBus Bus,
    IAuditTrail Audit,
    TimeProvider Time,
    IOptions<AccountsOptions> Options);
