using System.Security.Claims;
using System.Text.Json.Nodes;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.ApiKeys.Restrictions;
using KsQuery.Modules.Keys.Configuration;
using KsQuery.Modules.Keys.Networks;
using KsQuery.Modules.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Wolverine;

namespace KsQuery.Modules.Keys.ApiKeys.Create;

internal static class CreateApiKeyEndpoint
{
    public static RouteGroupBuilder MapCreateApiKey(this RouteGroupBuilder keys)
    {
        keys.MapPost("/", CreateAsync)
            .WithName("CreateApiKey")
            .Answers(StatusCodes.Status400BadRequest, "validation_failed", "selection_required")
            .Answers(StatusCodes.Status403Forbidden, "forbidden_role")
            .Answers(StatusCodes.Status404NotFound, "chain_not_found", "network_not_found", "team_not_found")
            .Answers(StatusCodes.Status409Conflict, "chain_not_available", "key_name_taken", "key_limit_reached")
            .WithSummary("Create an API key")
            .WithDescription("Issues a key for one chain network. The plaintext `key` is in this response only. `name`: 1..64 " +
                             "characters, unique (case-insensitively) among your keys that are not revoked (409 `key_name_taken`); " +
                             "`description`: up to 256, may span lines; both need a visible character and refuse control, " +
                             "direction-changing (bidi override, isolate, mark) and invisible formatting characters (zero-width " +
                             "space, byte-order mark, soft hyphen; the zero-width joiner and non-joiner of scripts and emoji stay " +
                             "allowed) with 400 `validation_failed`; `chain`/`network`: both or neither, default to your selection (400 " +
                             "`selection_required` when there is none), 404/409 as for the catalog; `expiresAt`: in the future, at the latest " +
                             "9999-01-01T00:00:00Z; " +
                             "`rateLimitPerSecond`: 1..1000000 (default from configuration); `monthlyQuota`: 1..10^12 or absent for " +
                             "none; `recoverable`: keep an encrypted copy so the key can be revealed again with your password. " +
                             "Keys of test networks start with `ksq_test_`, others with `ksq_live_`. An account holds at most " +
                             "`Keys:MaxKeysPerAccount` keys that are not revoked (default 100; 409 `key_limit_reached`). " +
                             "`teamId`: issue the key for that team instead (you need the developer role or higher: 403 " +
                             "`forbidden_role`; 404 `team_not_found` for a team you are not in); the name is then unique among " +
                             "the team's keys and the key limit counts the team's keys. " + RestrictionDocs.Text);
        return keys;
    }

    internal static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateApiKeyRequest request, ClaimsPrincipal user, IAccountStore accounts, IApiKeyStore keys, KeyIssuer issuer, KeyAccess access,
        IAuditTrail audit, IMessageBus bus, IOptions<KeysOptions> options, LinkGenerator links, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var validation = new Validation();
        ApiKeyRules.CheckName(validation, request.Name);
        ApiKeyRules.CheckDescription(validation, request.Description);
        validation.Require(request.ExpiresAt is null || request.ExpiresAt > now, "expiresAt", "expiresAt must be in the future.");
        validation.Require(request.ExpiresAt is null || request.ExpiresAt <= Timestamps.Latest, "expiresAt",
            $"expiresAt must be {Timestamps.RangeText}.");
        validation.Require(request.RateLimitPerSecond is null or >= 1 and <= ApiKeyRules.MaxRateLimitPerSecond, "rateLimitPerSecond",
            $"rateLimitPerSecond must be between 1 and {ApiKeyRules.MaxRateLimitPerSecond}.");
        validation.Require(request.MonthlyQuota is null or >= 1 and <= ApiKeyRules.MaxMonthlyQuota, "monthlyQuota",
            $"monthlyQuota must be between 1 and {ApiKeyRules.MaxMonthlyQuota}, or absent for no quota.");
        var chainGiven = !string.IsNullOrWhiteSpace(request.Chain);
        var networkGiven = !string.IsNullOrWhiteSpace(request.Network);
        if (chainGiven != networkGiven)
            validation.Add(chainGiven ? "network" : "chain", "chain and network are given together, or both left out to use your selection.");
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);

        var accountId = user.GetAccountId();
        var (ownerId, denied) = await access.OwnerAsync(request.TeamId, accountId, KeyAction.Manage, cancellationToken);
        if (denied is not null)
            return denied;
        string chain, network;
        if (chainGiven)
        {
            (chain, network) = (request.Chain!, request.Network!);
        }
        else
        {
            var selection = (await accounts.FindByIdAsync(accountId, cancellationToken))?.Selection;
            if (selection is null)
                return ApiProblems.Problem(StatusCodes.Status400BadRequest, "selection_required", "Selection required",
                    "Give chain and network, or choose them first with PUT /v1/me/selection.");
            (chain, network) = (selection.Chain, selection.Network);
        }

        // Resolved even for the stored selection: the chain may have become unavailable since.
        var (resolved, problem) = await NetworkLookup.ResolveAsync(bus, chain, network, cancellationToken);
        if (problem is not null)
            return problem;
        KeyRestrictions? restrictions = null;
        if (request.Restrictions is { } wanted)
        {
            restrictions = RestrictionRules.Read(validation, wanted, resolved!.ApiIds);
            if (!validation.IsValid)
                return ApiProblems.Invalid(validation.Errors);
        }

        var settings = new KeySettings(ownerId!, request.Name!.Trim(), ApiKeyRules.NormalizeDescription(request.Description),
            resolved!.ChainId!, resolved.NetworkId!, resolved.IsTest, request.ExpiresAt?.ToUniversalTime(),
            (int)(request.RateLimitPerSecond ?? options.Value.DefaultRateLimitPerSecond), request.MonthlyQuota,
            request.Recoverable ?? false, request.TeamId, accountId, restrictions);

        for (var attempt = 1; ; attempt++)
        {
            var (record, plaintext) = await issuer.IssueAsync(settings, cancellationToken);
            switch (await keys.TryInsertAsync(record, new KeyLimit(options.Value.MaxKeysPerAccount, record.CreatedAt), cancellationToken))
            {
                case KeyWrite.Done:
                    await audit.RecordAsync(new AuditEvent(AuditActions.KeyCreated, accountId, record.Id, TeamId: record.TeamId, After: SettingsOf(record)), cancellationToken);
                    return links.CreatedAt(record.Id, record.ToCreatedResponse(plaintext, time.GetUtcNow()));
                case KeyWrite.NameTaken:
                    return ApiKeyProblems.NameTaken();
                case KeyWrite.LimitReached:
                    return ApiKeyProblems.LimitReached(options.Value.MaxKeysPerAccount, record.TeamId is not null);
                case KeyWrite.DuplicateId when attempt < KeyIssuer.MaxAttempts:
                    continue;
                default:
                    throw new InvalidOperationException("Could not store a new API key.");
            }
        }
    }

    /// <summary>The settings of a new key for its audit entry (never its material).</summary>
    private static JsonObject SettingsOf(ApiKeyRecord key) => new()
    {
        ["name"] = key.Name,
        ["description"] = key.Description,
        ["chain"] = key.Chain,
        ["network"] = key.Network,
        ["display"] = key.Display,
        ["expiresAt"] = key.ExpiresAt?.ToString("O"),
        ["rateLimitPerSecond"] = key.RateLimitPerSecond,
        ["monthlyQuota"] = key.MonthlyQuota,
        ["recoverable"] = key.Recoverable,
    };
}
