using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KsQuery.Contracts.Http;
using KsQuery.Host.Operations.Backup;
using KsQuery.Modules.Keys.Administration;
using LiteDB;
using JsonSerializer = System.Text.Json.JsonSerializer;
using Wolverine;

namespace KsQuery.Host.Operations.AdminChannel;

/// <summary>The routes of the admin channel (<see cref="AdminChannelHost"/>), served by the running service's own services.
/// Answers are JSON; a refusal is 4xx with <see cref="AdminProblem"/> (its stable code and one line).</summary>
internal static class AdminRoutes
{
    public static void MapAdminRoutes(this WebApplication channel, IServiceProvider services)
    {
        var admin = services.GetRequiredService<KeysAdministration>();
        var data = services.GetRequiredService<DataDirectory>();
        var group = channel.MapGroup("/admin");

        group.MapGet("/status", context => Write(context, new AdminStatus(BackupArchive.Version, data.Path, Environment.ProcessId),
            AdminJson.Default.AdminStatus));
        group.MapGet("/accounts", context => Answer(context, services, async ct =>
            await Write(context, await admin.ListAccountsAsync(ct), AdminJson.Default.IReadOnlyListAdminAccount)));
        group.MapPost("/accounts", context => Answer(context, services, async ct =>
        {
            var request = await ReadAsync(context);
            await Write(context, await admin.CreateAccountAsync(request.Email ?? "", request.Password, ct), AdminJson.Default.AdminAccount, 201);
        }));
        group.MapPost("/accounts/{account}/reset-password", context => Answer(context, services, async ct =>
        {
            var request = await ReadAsync(context);
            await Write(context, await admin.ResetPasswordAsync(Route(context, "account"), request.Password, ct), AdminJson.Default.AdminAccount);
        }));
        group.MapPost("/accounts/{account}/disable", context => Answer(context, services, async ct =>
        {
            using var scope = services.CreateScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await Write(context, await admin.DisableAccountAsync(Route(context, "account"), bus, ct), AdminJson.Default.AdminAccount);
        }));
        group.MapPost("/accounts/{account}/enable", context => Answer(context, services, async ct =>
        {
            using var scope = services.CreateScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await Write(context, await admin.EnableAccountAsync(Route(context, "account"), bus, ct), AdminJson.Default.AdminAccount);
        }));
        group.MapPost("/accounts/{account}/revoke-keys", context => Answer(context, services, async ct =>
        {
            using var scope = services.CreateScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await Write(context, await admin.RevokeAccountKeysAsync(Route(context, "account"), bus, ct), AdminJson.Default.IReadOnlyListAdminKey);
        }));
        group.MapGet("/keys", context => Answer(context, services, async ct =>
        {
            var account = context.Request.Query["account"].ToString();
            await Write(context, await admin.ListKeysAsync(account.Length == 0 ? null : account, ct), AdminJson.Default.IReadOnlyListAdminKey);
        }));
        group.MapPost("/keys/{id}/revoke", context => Answer(context, services, async ct =>
        {
            using var scope = services.CreateScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await Write(context, await admin.RevokeKeyAsync(Route(context, "id"), bus, ct), AdminJson.Default.AdminKey);
        }));
        group.MapGet("/backup", context => Answer(context, services, async ct =>
        {
            context.Response.ContentType = "application/gzip";
            await BackupArchive.WriteAsync(data, services.GetRequiredService<ILiteDatabase>(), "online", context.Response.Body,
                services.GetRequiredService<TimeProvider>(), ct);
        }));
    }

    private static async Task Answer(HttpContext context, IServiceProvider services, Func<CancellationToken, Task> work)
    {
        try
        {
            await work(context.RequestAborted);
        }
        catch (AdministrationRefused refused)
        {
            var status = refused.Code.EndsWith("_not_found", StringComparison.Ordinal) ? 404 : refused.Code == "email_taken" ? 409 : 400;
            await Write(context, new AdminProblem(refused.Code, refused.Message), AdminJson.Default.AdminProblem, status);
        }
        catch (JsonException)
        {
            await Write(context, new AdminProblem("malformed_json", "the request body is not the JSON expected."), AdminJson.Default.AdminProblem, 400);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            services.GetRequiredService<ILogger<AdminChannelHost>>().LogError(ex, "Admin channel request {Path} failed", context.Request.Path);
            await Write(context, new AdminProblem("internal_error", "the service could not do it; its log has the details."),
                AdminJson.Default.AdminProblem, 500);
        }
    }

    private static async Task<AdminPasswordRequest> ReadAsync(HttpContext context) =>
        await JsonSerializer.DeserializeAsync(context.Request.Body, AdminJson.Default.AdminPasswordRequest, context.RequestAborted)
        ?? throw new JsonException("empty body");

    private static string Route(HttpContext context, string name) => context.Request.RouteValues[name]?.ToString() ?? "";

    private static Task Write<T>(HttpContext context, T value, JsonTypeInfo<T> type, int status = 200)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, type, cancellationToken: context.RequestAborted);
    }
}
