using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace KsQuery.Host.Logging;

/// <summary><c>Logging:Format</c> (README, Configuration; docs/operations.md, Logs): <c>json</c> writes one JSON object a
/// line to stdout (timestamp in UTC, level, category, message, its fields, and the scopes: the request's id and path,
/// its connection id, and its trace and span id when traces are exported); <c>text</c> the framework's readable lines; <c>auto</c> (the default) json when stdout is not a terminal
/// (systemd, containers, a pipe, a test run) and text when it is (<c>dotnet run</c> in a terminal).</summary>
internal static class LogFormat
{
    public const string Setting = "Logging:Format";

    public static WebApplicationBuilder AddLogFormat(this WebApplicationBuilder builder)
    {
        var json = builder.Configuration[Setting] switch
        {
            null or "" or "auto" => Console.IsOutputRedirected,
            "json" => true,
            "text" => false,
            var other => throw new OptionsValidationException(Setting, typeof(string),
                [$"{Setting} must be json, text or auto (given: '{other}')."]),
        };
        if (json)
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true; // the request's RequestId and RequestPath (RequestScopedConsole), its ConnectionId
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
            RequestScopedConsole.Replace(builder.Services);
        }
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.FormatterName = json ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple);
        return builder;
    }
}
