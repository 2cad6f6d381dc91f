using System.Diagnostics;
using System.Reflection;
using KsQuery.Contracts.Storage.Postgres;
using KsQuery.Plugins.Abstractions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KsQuery.Host.Startup;

/// <summary>Turns what stopped a start into its exit code and one line: which setting, file or address, what is wrong
/// with it, and what to do.</summary>
internal static class StartupFailures
{
    private const string FixSetting = "Fix it in appsettings.json, the environment (':' written '__') or the command line.";

    public static (int ExitCode, string Line) Describe(Exception exception)
    {
        var ex = Unwrap(exception);
        return ex switch
        {
            StartupFailure failure => (failure.ExitCode, failure.Message),
            OptionsValidationException invalid => (ExitCodes.Settings, $"invalid setting: {string.Join(" ", invalid.Failures)} {FixSetting}"),
            PluginSettingsException plugin => (ExitCodes.Settings, $"invalid setting: {plugin.Message} {FixSetting}"),
            // The binder: a value that does not convert to the setting's type, e.g. Usage:FlushInterval=soon.
            InvalidOperationException when ThrownFrom(ex, "Microsoft.Extensions.Configuration") =>
                (ExitCodes.Settings, $"invalid setting: {WithInner(ex)} {FixSetting}"),
            // A configuration file that is not valid JSON.
            InvalidDataException or FormatException when ThrownFrom(ex, "Microsoft.Extensions.Configuration") =>
                (ExitCodes.Settings, $"{WithInner(ex)} Fix the file's syntax."),
            IOException when ex.InnerException is AddressInUseException =>
                (ExitCodes.Listen, $"{ex.Message} Stop the process that listens there, or set ASPNETCORE_URLS to a free address."),
            IOException or InvalidOperationException or FormatException when ThrownFrom(ex, "Microsoft.AspNetCore.Server.Kestrel") || ThrownFrom(ex, "Microsoft.AspNetCore.Http") =>
                (ExitCodes.Listen, $"{WithInner(ex)} Check ASPNETCORE_URLS (e.g. http://127.0.0.1:5000)."),
            NpgsqlException => (ExitCodes.Data, $"the PostgreSQL store ({PostgresStore.Setting}) cannot be used: {WithInner(ex)} " +
                "Check that the server is reachable and the user may create schemas in the database, or unset it for the LiteDB store."),
            _ => (ExitCodes.Unexpected, $"{ex.GetType().FullName}: {ex.Message}"),
        };
    }

    private static Exception Unwrap(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => ex,
    };

    // The frame that threw, skipping ExceptionDispatchInfo.Throw (configuration files rethrow their errors through it).
    private static bool ThrownFrom(Exception ex, string namespacePrefix) =>
        new StackTrace(ex, fNeedFileInfo: false).GetFrames()
            .Select(f => f.GetMethod()?.DeclaringType?.Namespace)
            .FirstOrDefault(ns => ns != "System.Runtime.ExceptionServices")?
            .StartsWith(namespacePrefix, StringComparison.Ordinal) == true;

    private static string WithInner(Exception ex) =>
        ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{ex.Message} {inner.Message}" : ex.Message;
}
