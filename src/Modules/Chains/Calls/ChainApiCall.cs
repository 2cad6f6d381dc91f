using System.Diagnostics;
using System.Text.Json;
using KsQuery.Contracts.Http;
using KsQuery.Modules.Chains.Registry;
using KsQuery.Modules.Chains.Telemetry;
using KsQuery.Plugins.Abstractions;
using Microsoft.AspNetCore.Http;

namespace KsQuery.Modules.Chains.Calls;

/// <summary>Serves one catalog API: checks the key's scope, validates parameters, calls the plugin. A plain request
/// delegate (no parameter binding or filter pipeline of its own): it is the keyed hot path, and everything it needs is
/// on the request.</summary>
internal sealed class ChainApiCall(IChainPlugin plugin, string chain, string network, ApiDescriptor api, PluginRuntime runtime,
    ChainRegistry registry, ChainsMetrics? metrics = null)
{
    private readonly TagList _tags = ChainsMetrics.TagsOf(chain, network, api.Id);

    /// <summary>For the OpenAPI description: request-delegate endpoints are described only when they name their method.</summary>
    public static readonly System.Reflection.MethodInfo Method = typeof(ChainApiCall).GetMethod(nameof(InvokeAsync))!;

    private readonly ParameterBinder _binder = new(api);

    // An API without parameters or body is called the same way every time: one call, not one per request.
    private readonly ApiCall? _fixedCall = api.Parameters.Count == 0 && api.Method == ApiMethod.Get
        ? new ApiCall(network, api.Id, ParameterBinder.None, null)
        : null;

    // The answer of the last shared result (the same instance for many calls): written as it is, so not wrapped anew.
    private PluginJsonResult? _sharedAnswer;

    public Task InvokeAsync(HttpContext context)
    {
        var pending = HandleAsync(context, context.RequestAborted);
        return pending.IsCompletedSuccessfully ? pending.Result.ExecuteAsync(context) : AwaitedAsync(context, pending);

        static async Task AwaitedAsync(HttpContext context, ValueTask<IResult> pending) => await (await pending).ExecuteAsync(context);
    }

    private async ValueTask<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (KeyScopeCheck.Refusal(context, chain, network) is { } refusal)
            return refusal;
        if (!runtime.IsStarted(chain))
            return new ProblemResult(503, "upstream_unavailable", "Upstream unavailable", $"The {chain} plugin is not running; see /health.");
        if (!registry.IsNetworkAvailable(chain, network))
            return new ProblemResult(503, "upstream_unavailable", "Upstream unavailable", $"Network {chain}/{network} is not available yet (coming soon); see /v1/chains.");

        if (_fixedCall is not null)
            return AnswerOf(await CallPluginAsync(_fixedCall, cancellationToken));

        var validation = new Validation();
        var parameters = _binder.Bind(context.Request, validation);
        JsonElement? body = null;
        if (api.Method == ApiMethod.Post)
        {
            var (parsed, problem) = await ReadBodyAsync(context.Request, cancellationToken);
            if (problem is not null)
                return problem;
            body = parsed;
        }
        if (!validation.IsValid)
            return new ProblemResult(400, "validation_failed", "Validation failed", "One or more parameters are invalid.", validation.ErrorsView);

        return AnswerOf(await CallPluginAsync(new ApiCall(network, api.Id, parameters, body), cancellationToken));
    }

    private IResult AnswerOf(ApiResult result)
    {
        if (result.Error is { } error)
            return ToProblem(error);
        if (!result.IsShared)
            return new PluginJsonResult(result);
        if (_sharedAnswer is { } last && ReferenceEquals(last.Result, result))
            return last;
        return _sharedAnswer = new PluginJsonResult(result);
    }

    private async ValueTask<ApiResult> CallPluginAsync(ApiCall call, CancellationToken cancellationToken)
    {
        using var activity = ChainsMetrics.Activities.StartActivity("plugin call");
        if (activity is not null)
        {
            activity.DisplayName = $"{chain} {api.Id}";
            activity.SetTag("ksquery.chain", chain);
            activity.SetTag("ksquery.network", network);
            activity.SetTag("ksquery.api", api.Id);
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await plugin.ExecuteAsync(call, cancellationToken);
            if (result.Error is { Status: >= 500 and not 501 } error) // 501: the source lacks the API, not a failure
            {
                metrics?.UpstreamFailed(_tags, error.Code);
                activity?.SetStatus(ActivityStatusCode.Error, error.Code);
            }
            return result;
        }
        finally
        {
            metrics?.PluginCalled(_tags, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<(JsonElement? Body, IResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasBody())
        {
            return api.Body is { Required: true }
                ? (null, new ProblemResult(400, "malformed_json", "Malformed JSON", "A JSON request body is required."))
                : (null, null);
        }
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            if (!ReadableJson.IsReadable(document.RootElement))
                return (null, new ProblemResult(400, "malformed_json", "Malformed JSON",
                    "The request body holds a \\u escape of half a surrogate pair, which is not text."));
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException)
        {
            return (null, new ProblemResult(400, "malformed_json", "Malformed JSON", "The request body is not valid JSON."));
        }
    }

    private static ProblemResult ToProblem(ApiError error) =>
        new(error.Status, error.Code, error.Title, error.Detail, error.Errors is { Count: > 0 } ? error.Errors : null) { RetryAfter = error.RetryAfter };
}
