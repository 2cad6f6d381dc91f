using KsQuery.Contracts.Http;
using KsQuery.Modules.Keys.Audit;
using KsQuery.Modules.Keys.Auth;
using KsQuery.Modules.Keys.Hashing;
using KsQuery.Modules.Keys.Storage;
using KsQuery.Modules.Keys.Text;
using KsQuery.Modules.Keys.Throttling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace KsQuery.Modules.Keys.Accounts.SignUp;

internal static class SignUpEndpoint
{
    public static RouteGroupBuilder MapSignUp(this RouteGroupBuilder accounts)
    {
        accounts.MapPost("/", SignUpAsync)
            .WithName("SignUp")
            .AnswersValidationFailed()
            .Answers(StatusCodes.Status409Conflict, "email_taken")
            .Answers(StatusCodes.Status429TooManyRequests, "too_many_attempts")
            .WithSummary("Create a dashboard account")
            .WithDescription("Creates an account for the dashboard. Emails are compared trimmed and case-insensitively " +
                             "(409 `email_taken`) and refuse whitespace, control, direction-changing and invisible formatting " +
                             $"characters; the password needs at least {Password.MinLength} characters " +
                             $"(at most {Password.MaxLength}) and is stored only as an Argon2id hash. Sign-ups from one client " +
                             "address are limited (`Keys:Throttling:SignUpsPerAddress` per `SignUpWindow`, default 20 per hour; " +
                             "429 `too_many_attempts` with `Retry-After`).")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous();
        return accounts;
    }

    internal static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> SignUpAsync(
        SignUpRequest request, HttpContext context, IAccountStore accounts, ISecretHasher hasher, SignUpThrottle throttle, TimeProvider time,
        IAuditTrail audit, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (string.IsNullOrWhiteSpace(request.Email))
            validation.Add("email", "email is required.");
        else
        {
            ReadableText.Check(validation, "email", request.Email.Trim(), joiners: false);
            if (!validation.ErrorsView.ContainsKey("email"))
                validation.Require(EmailAddress.IsValid(request.Email), "email", "email is not a valid address.");
        }
        if (request.Password is null)
            validation.Add("password", "password is required.");
        else
            validation.Require(Password.Length(request.Password) is >= Password.MinLength and <= Password.MaxLength, "password",
                $"password must be between {Password.MinLength} and {Password.MaxLength} characters.");
        if (!validation.IsValid)
            return ApiProblems.Invalid(validation.Errors);
        var address = ClientAddress.Of(context);
        if (throttle.TryReserve(address) is { } wait)
            return AuthProblems.TooManyAttempts(context, wait);

        var email = request.Email!.Trim();
        var account = new AccountRecord(
            Guid.NewGuid().ToString("N"),
            email,
            EmailAddress.Normalize(email),
            await hasher.HashAsync(Password.Bytes(request.Password!), HashPartition.SignUp(address), cancellationToken),
            time.GetUtcNow(),
            Selection: null);
        if (!await accounts.TryCreateAsync(account, cancellationToken))
            return ApiProblems.Conflict("email_taken", "An account with this email already exists.");
        await audit.RecordAsync(new AuditEvent(AuditActions.AccountCreated, account.Id), cancellationToken);

        return TypedResults.Created((string?)null, new AccountResponse(account.Id, account.Email));
    }
}
