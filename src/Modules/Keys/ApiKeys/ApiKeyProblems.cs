using KsQuery.Contracts.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KsQuery.Modules.Keys.ApiKeys;

internal static class ApiKeyProblems
{
    // Another account's key answers exactly like an unknown one.
    public static ProblemHttpResult NotFound() => ApiProblems.NotFound("key_not_found", "You have no key with this id.");

    public static ProblemHttpResult NameTaken() =>
        ApiProblems.Conflict("key_name_taken", "You already have a key with this name that is not revoked.");

    public static ProblemHttpResult LimitReached(int maxKeys, bool team = false) => ApiProblems.Conflict("key_limit_reached",
        $"{(team ? "A team" : "An account")} holds at most {maxKeys} keys that are not revoked; revoke one you no longer need first.");

    public static ProblemHttpResult NotActive(string detail) => ApiProblems.Conflict("key_not_active", detail);
}
